"""The stages spinscope knows, in the order they run."""

from spinscope.stages.base import Stage, StageResult
from spinscope.stages.claims import ClaimStage, find_claims
from spinscope.stages.consistency import ConsistencyStage, find_findings
from spinscope.stages.encodings import EncodingStage
from spinscope.stages.entities import EntityStage, find_entities
from spinscope.stages.nlp import SpacyStage, find_sentences
from spinscope.stages.quotes import QuoteStage, find_quotes
from spinscope.stages.techniques import TechniqueStage, find_techniques
from spinscope.stages.timexes import TimexStage, find_timeline, find_timexes

__all__ = [
    "STAGE_TYPES",
    "ClaimStage",
    "ConsistencyStage",
    "EncodingStage",
    "EntityStage",
    "QuoteStage",
    "SpacyStage",
    "Stage",
    "StageResult",
    "TechniqueStage",
    "TimexStage",
    "find_claims",
    "find_entities",
    "find_findings",
    "find_quotes",
    "find_sentences",
    "find_techniques",
    "find_timeline",
    "find_timexes",
]

# Registry order is run order: a stage comes after every stage whose output it requires.
STAGE_TYPES: dict[str, type[Stage]] = {
    stage.name: stage
    for stage in (
        SpacyStage,
        EntityStage,
        QuoteStage,
        TimexStage,
        EncodingStage,
        ClaimStage,
        ConsistencyStage,
        TechniqueStage,
    )
}
