"""The `entities` layer: named mentions, clustered into the people and things they name.

The rules below are for English; a Russian text's mentions are clustered by
`spinscope.stages.entities_ru`, the same rules read through lemmas, so that a name's cases are
one name.

Clustering rules, applied in order, the same for every name:
1. Mentions are cleaned: a leading "the", a possessive "'s", and for people the titles and
   honorifics before the name ("President", "Mr.") are not part of the name.
2. Mentions with the same name (ignoring case) are one entity, whatever spaCy labelled each.
3. A person's shorter name ("Aliyev", "Ilham Aliyev") joins the longer name it is a part of
   ("President Ilham Aliyev"); where two people share it, the one named most recently before.
4. A known person's surname that the tagger missed ("Okafor said that ...") is a mention too,
   unless it opens a sentence and the text also uses it as an ordinary word.
5. An acronym ("UN") joins the organisation whose initials it spells ("United Nations").
6. A bare title ("the President") is a mention of the person introduced with that title; where
   several people hold it, the one named most recently before.
The entity's name is its longest name mention. Its label is decided for the whole entity:
- a nationality, people or religion ("Azerbaijani", "Talysh", "Muslims") is a group (NORP),
  whatever the tagger said;
- a name with a title or honorific before it ("Ambassador Kurt Volker", "Sen. Ben Sasse"),
  or a person-tagged name of two words or more, makes its entity a person: a name's person
  mentions win; so does a role in apposition after a two- or three-word name tagged as an
  organisation ("Kurt Volker, the former special envoy");
- a one-word name with no such evidence that the tagger called a person is a place when it
  follows a place word ("in", "near", "over", "the city of") or stands in a list with a
  place ("Aghdam, Kalbajar and Lachin"); one it called an organisation, when the gazetteer
  knows it too. The gazetteer alone decides nothing: towns bear surnames ("Obama");
- otherwise, its mentions' majority label.
A one-word name the tagger called an organisation, place or group that is the surname of a
person named in full ("Sondland" beside "Gordon Sondland") joins that person, unless the
gazetteer knows it as a place or a people ("Washington" stays a place).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from spinscope.document import Document, Entity, Mention, Span
from spinscope.gazetteer import is_demonym, is_place
from spinscope.language import language_of
from spinscope.settings import Settings
from spinscope.stages.base import Stage, StageResult

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["NAMED_LABELS", "EntityStage", "RawMention", "find_entities"]

NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# Titles that name a role, and so can stand for the person ("the President said").
ROLE_TITLES = (
    "president-elect",
    "vice president",
    "president",
    "prime minister",
    "deputy prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "minister",
    "chancellor",
    "commander-in-chief",
    "commander",
    "secretary-general",
    "secretary of state",
    "secretary",
    "ambassador",
    "mayor",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "speaker",
    "chairman",
    "chairwoman",
    "premier",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "emir",
    "sultan",
    "sheikh",
    "patriarch",
    "archbishop",
    "bishop",
    "councillor",
    "councilor",
    "judge",
    "general",
    "admiral",
    "marshal",
    "colonel",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    # Abbreviated, always with their dot ("Sen. Ben Sasse"), so that "Gen Z" names no general.
    "sen.",
    "rep.",
    "gov.",
    "amb.",
    "gen.",
    "adm.",
    "col.",
    "lt.",
    "sgt.",
    "sec.",
    "pres.",
)
# Honorifics are not part of a name, but do not stand for a person on their own.
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev")
_TITLE_WORDS = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ROLE_TITLES)
# A title just before a name: "President", "Defence Minister", "Commander-in-Chief, President".
_TITLE_BEFORE = re.compile(rf"(?:(?:the|The)\s+)?(?P<title>(?:[A-Z][a-z]+\s+){{0,2}}(?i:{_TITLE_WORDS}))\.?,?\s+$")
_ROLE_AT_END = re.compile(rf"(?i:{_TITLE_WORDS})$")
_TITLE_AT_START = re.compile(rf"(?:(?P<role>(?i:{_TITLE_WORDS}))|(?i:{'|'.join(HONORIFICS)}))\.?\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = " \t\r\n\"'“”‘’«»()[]{},;:•·-–—|/"
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "de"})
_TITLE_WINDOW = 80
# A person's role in apposition after the name: "Kurt Volker, the former special envoy".
_ROLE_AFTER = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w.’'-]+\s+){0,3}?(?:envoy|adviser|advisor|aide|ambassador|senator|congressman"
    r"|congresswoman|lawmaker|diplomat|spokesman|spokeswoman|spokesperson|lawyer|attorney|professor|minister"
    r"|president|secretary|governor|mayor|chairman|chairwoman|founder|co-founder|reporter|correspondent|analyst"
    r"|economist|researcher|scientist|official|commander|general|prosecutor|judge|witness|activist|veteran)\b"
    r"(?!\s+(?:said|says|told|added|stated))"  # "X, a Romanian official said": a new subject, not X's role
)
# Two or three capitalised words and nothing an organisation's name is made of.
_PERSONAL_NAME = re.compile(
    r"(?!.*\b(?:Inc|Corp|Co|Ltd|LLC|Group|Bank|Company|Party|Council|Committee|Ministry|Department|University"
    r"|Institute|Agency|Association|Foundation|Fund|Union|Airlines?|Airways|Motors|Systems|News|Times|Post)\b)"
    r"[A-Z][a-z’'-]+(?:\s[A-Z]\.)?(?:\s[A-Z][a-z’'-]+){1,2}"
)
# Titles that also open the names of organisations and places ("General Electric", "King County").
_ORG_WORDS = frozenset(
    {"general", "king", "queen", "prince", "princess", "premier", "marshal", "speaker", "judge", "pope"}
)
# Words before a name that make it a place ("in Shusha", "over Karabakh").
_PLACE_CUE = re.compile(
    r"(?i:\b(?:in|near|across|throughout|inside|outside|into|around|over"
    r"|(?:city|town|village|region|district|province|county|republic)\s+of)\s+$)"
)
# What joins the items of a list of names: ", ", " and ", ", and ", " or ".
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)\s*")
_SPEECH_VERB = (
    r"(?:said|says|told|added|asked|wrote|declared|stressed|stated|described|explained|noted|argued|announced"
    r"|insisted|testified|replied)"
)
_SPEECH_AFTER = re.compile(rf"\s+{_SPEECH_VERB}\b")  # used with .match: anchored where it starts
_SPEECH_BEFORE = re.compile(rf"\b{_SPEECH_VERB}\s+$")
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_SENTENCE_OPENERS = ".!?\n\r“\"‘'(«"


@dataclass(frozen=True, slots=True)
class RawMention:
    """A named-entity mention as a tagger found it: offsets into the text and a label."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    text: str
    label: str
    key: tuple[str, ...]
    titles: list[str]
    honorific: bool = False

    @property
    def is_person(self) -> bool:
        """Whether this mention on its own shows a person: a title or honorific, or a
        person-tagged name of two words or more."""
        return bool(self.titles) or self.honorific or (self.label == "PERSON" and len(self.key) >= 2)


@dataclass(slots=True)
class _Cluster:
    names: list[_Name] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        return max((name.key for name in self.names), key=len)

    @property
    def label(self) -> str:
        if any(name.is_person for name in self.names):
            return "PERSON"
        if all(name.label == "NORP" for name in self.names):
            return "NORP"
        votes = Counter(name.label for name in self.names)
        longest = max(self.names, key=lambda name: (len(name.text), -name.start))
        return max(votes, key=lambda label: (votes[label], label == longest.label))


class EntityStage(Stage):
    """Clusters named mentions into people, organisations and places, titles included."""

    name = "entities"
    requires = ("spacy",)
    produces = ("entities",)
    version = "3"
    languages = frozenset({"en", "ru"})  # Russian: `spinscope.stages.entities_ru`

    def __init__(self, settings: Settings | None = None) -> None:
        """Read the gazetteer now, so that the first document does not pay for it."""
        is_place("")

    def process(self, document: Document, inputs: Mapping[str, Any]) -> StageResult:
        """Cluster the named mentions of one document, skipping its navigation lines."""
        parsed: Doc = inputs["spacy"]
        evidence = document.metadata.evidence
        navigation = [*evidence.get("breadcrumbs", ()), *evidence.get("published", ())]
        if language_of(document) == "ru":
            from spinscope.stages.entities_ru import find_russian_entities  # it builds on this module

            return StageResult(layers={"entities": find_russian_entities(parsed, exclude=navigation)})
        raw = [RawMention(ent.start_char, ent.end_char, ent.label_) for ent in parsed.ents]
        return StageResult(layers={"entities": find_entities(document.text, raw, exclude=navigation)})


def find_entities(text: str, mentions: Iterable[RawMention], *, exclude: Sequence[Span] = ()) -> list[Entity]:
    """Cluster named mentions of `text` into entities, ordered by first mention.

    Args:
        text: The document's text.
        mentions: Tagged mentions; those with a label outside `NAMED_LABELS` (dates, numbers)
            are ignored.
        exclude: Stretches of text whose mentions are ignored (breadcrumbs, datelines).
    """
    names = [
        name
        for mention in mentions
        if mention.label in NAMED_LABELS
        and not _overlaps(mention.start, mention.end, [(span.start, span.end) for span in exclude])
        and (name := _clean(text, mention)) is not None
    ]
    places = _place_evidence(text, names)
    clusters = _merge_acronyms(_merge_person_parts(text, _group_same_names(names)))
    _recover_surnames(text, clusters)
    clusters.sort(key=lambda cluster: min(name.start for name in cluster.names))
    titles = _title_mentions(text, clusters)
    return [
        _entity(index, cluster, titles.get(id(cluster), []), _label(cluster, places))
        for index, cluster in enumerate(clusters, 1)
    ]


def _label(cluster: _Cluster, places: set[int]) -> str:
    """The cluster's label, with a person-tagged one-word name that shows a place made a place."""
    label = cluster.label
    if len(cluster.key) != 1 or any(name.is_person for name in cluster.names):
        return label
    known, shown = is_place(cluster.names[0].text), any(name.start in places for name in cluster.names)
    # The gazetteer alone never decides: many towns bear surnames ("Obama", "Bolton",
    # "Clinton"), and an organisation's name may be a town's too ("Chelsea").
    if (label == "PERSON" and shown) or (label == "ORG" and known and shown):
        return "GPE"
    return label


def _place_evidence(text: str, names: Sequence[_Name]) -> set[int]:
    """The starts of the names that the text shows to be places: after a place word, or in a
    list with a known place; never a name followed by a verb of saying."""
    ordered = sorted(names, key=lambda name: name.start)
    found = {name.start for name in ordered if _PLACE_CUE.search(text[max(0, name.start - 12) : name.start])}
    chain: list[_Name] = []
    for name in [*ordered, None]:
        if name is not None and chain and _LIST_GLUE.fullmatch(text[chain[-1].end : name.start]):
            chain.append(name)
            continue
        if len(chain) >= 2 and any(_is_known_place(member) for member in chain):
            found.update(member.start for member in chain)
        chain = [name] if name is not None else []
    return {start for start in found if not _SPEECH_AFTER.match(text[_end_at(ordered, start) :])}


def _is_known_place(name: _Name) -> bool:
    """A place the tagger says is one, or one the gazetteer knows that the tagger did not call a
    person ("Aghdam" tagged ORG; never "Obama", which is a town too)."""
    return not name.is_person and (name.label in _PLACE_LABELS or (name.label != "PERSON" and is_place(name.text)))


def _end_at(names: Sequence[_Name], start: int) -> int:
    return next(name.end for name in names if name.start == start)


def _clean(text: str, mention: RawMention) -> _Name | None:
    """Trim a mention to its name, or None when no name is left."""
    start, end = mention.start, mention.end
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while True:  # quote marks and "the" in any order: the “Iron Fist”
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        if leading := _LEADING_THE.match(text[start:end]):
            start += leading.end()
        if possessive := _POSSESSIVE.search(text[start:end]):
            end = start + possessive.start()
        if (start, end) == before:
            break
    titles: list[str] = []
    label, honorific = mention.label, False
    if label == "PERSON":
        start, titles, honorific = _strip_titles(text, start, end)
    elif label == "ORG" and (role := _TITLE_AT_START.match(text[start:end])) and role.group("role"):
        # "Spokeswoman Sandy Angers" tagged as one organisation: a person with a title, where
        # the title is no word that also opens organisations' names ("General Motors").
        rest, inner, _ = _strip_titles(text, start, end)
        if role.group("role").casefold() not in _ORG_WORDS and len(_TOKEN.findall(text[rest:end])) >= 2:
            start, titles, label = rest, inner, "PERSON"
    surface = text[start:end]
    key = tuple(_TOKEN.findall(surface.casefold()))
    if not key or not any(ch.isupper() for ch in surface) or _is_title(" ".join(key)):
        return None
    if is_demonym(surface):
        return _Name(start, end, surface, "NORP", key, [])
    titles = _titles_before(text, start) + titles
    if titles and label in ("ORG", "GPE", "LOC", "NORP", "FAC"):
        label = "PERSON"  # "Ambassador Kurt Volker": a title names a person
    elif label == "ORG" and _ROLE_AFTER.match(text, end) and _PERSONAL_NAME.fullmatch(surface):
        label = "PERSON"  # "Kurt Volker, the former special envoy": a role in apposition
    return _Name(start, end, surface, label, key, titles, honorific)


def _strip_titles(text: str, start: int, end: int) -> tuple[int, list[str], bool]:
    """Move `start` past the titles and honorifics that open a person mention; return the
    new start, the titles (honorifics are dropped, they name no role) and whether an
    honorific was there."""
    titles, honorific = [], False
    while match := _TITLE_AT_START.match(text[start:end]):
        if match.group("role"):
            titles.append(" ".join(match.group("role").split()))
        else:
            honorific = True
        start += match.end()
    return start, titles, honorific


def _titles_before(text: str, start: int) -> list[str]:
    """The titles written just before a name: "Commander-in-Chief, President Ilham Aliyev"."""
    window = text[max(0, start - _TITLE_WINDOW) : start]
    titles: list[str] = []
    while match := _TITLE_BEFORE.search(window):
        titles.insert(0, " ".join(match.group("title").split()))
        window = window[: match.start()]
    return titles


def _is_title(text: str) -> bool:
    """Whether `text` is nothing but a title or an honorific ("President", "Mr")."""
    normal = " ".join(text.casefold().split())
    return normal in ROLE_TITLES or normal in HONORIFICS


def _group_same_names(names: list[_Name]) -> list[_Cluster]:
    groups: dict[tuple[str, ...], _Cluster] = {}
    for name in sorted(names, key=lambda name: name.start):
        groups.setdefault(name.key, _Cluster()).names.append(name)
    return list(groups.values())


def _merge_person_parts(text: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """Move each mention of a part of a person's name to the person it most likely names."""
    people = [c for c in clusters if c.label == "PERSON" and len(c.key) >= 2]
    for cluster in sorted(clusters, key=lambda c: len(c.key), reverse=True):
        if not cluster.names or not _may_be_person_part(text, cluster):
            continue
        wholes = [p for p in people if p is not cluster and p.names and contains(p.key, cluster.key)]
        if cluster.label != "PERSON":
            wholes = [p for p in wholes if p.key[-1:] == cluster.key]  # a surname, not a first name
        if not wholes:
            continue
        for name in cluster.names:
            nearest_before(wholes, name.start).names.append(name)
        cluster.names = []
    return [cluster for cluster in clusters if cluster.names]


def _recover_surnames(text: str, clusters: list[_Cluster]) -> None:
    """Add the untagged occurrences of each person's surname to that person."""
    people = [c for c in clusters if c.label == "PERSON" and len(c.key) >= 2]
    taken = [(name.start, name.end) for cluster in clusters for name in cluster.names]
    by_surname: dict[str, list[_Cluster]] = {}
    for person in people:
        longest = max(person.names, key=lambda name: len(name.key))
        surname = _TOKEN.findall(longest.text)[-1]
        if len(surname) >= 3 and surname[0].isupper():
            by_surname.setdefault(surname, []).append(person)
    for surname, holders in by_surname.items():
        common_word = re.search(rf"\b{re.escape(surname.lower())}\b", text) is not None
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if _overlaps(match.start(), match.end(), taken):
                continue
            if common_word and _opens_sentence(text, match.start()):
                continue
            holder = nearest_before(holders, match.start())
            holder.names.append(_Name(match.start(), match.end(), surname, "PERSON", (surname.casefold(),), []))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with any of `spans`."""
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _opens_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_OPENERS


def _may_be_person_part(text: str, cluster: _Cluster) -> bool:
    # spaCy's small model often tags a lone surname as an organisation or a place ("Sondland"
    # GPE); a known place stays what it is even where a person shares its name
    # ("Washington"), unless it speaks ("said Angers", "Henderson stated").
    if cluster.label == "PERSON":
        return True
    if len(cluster.key) != 1 or cluster.label not in ("ORG", "GPE", "LOC", "FAC", "PRODUCT"):
        return False
    return not is_place(cluster.names[0].text) or any(
        _SPEECH_AFTER.match(text, name.end) or _SPEECH_BEFORE.search(text[max(0, name.start - 20) : name.start])
        for name in cluster.names
    )


def contains(whole: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether the words `part` run, in order, inside the longer `whole` (a surname in a full name)."""
    if len(part) >= len(whole):
        return False
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


class _Placed(Protocol):
    @property
    def start(self) -> int: ...


class _Named(Protocol):
    @property
    def names(self) -> Sequence[_Placed]: ...


_NamedT = TypeVar("_NamedT", bound=_Named)


def nearest_before(clusters: Sequence[_NamedT], position: int) -> _NamedT:
    """The cluster named most recently before `position`, else the one named first after it
    (English and Russian clusters alike)."""
    before = [
        (max(n.start for n in c.names if n.start < position), i)
        for i, c in enumerate(clusters)
        if any(n.start < position for n in c.names)
    ]
    if before:
        return clusters[max(before)[1]]
    return min(clusters, key=lambda c: min(n.start for n in c.names))


def _merge_acronyms(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge a name written with an acronym ("UN Security Council") into the same name spelled
    out elsewhere in the text ("United Nations Security Council")."""
    spelled: dict[str, set[tuple[str, ...]]] = {}
    for cluster in clusters:
        if any(_is_acronym(token) for token in _acronym_tokens(cluster.names[0].text)):
            continue  # a name with an acronym in it spells nothing out
        words = cluster.key
        for start, end in combinations(range(len(words) + 1), 2):
            part = words[start:end]
            if len(part) >= 2 and part[0] not in _ACRONYM_SKIP and part[-1] not in _ACRONYM_SKIP:
                initials = "".join(word[0] for word in part if word not in _ACRONYM_SKIP)
                spelled.setdefault(initials, set()).add(part)
    # Initials that two different names share expand to neither.
    expansions = {initials: next(iter(parts)) for initials, parts in spelled.items() if len(parts) == 1}
    by_key = {cluster.key: cluster for cluster in clusters}
    for cluster in clusters:
        expanded = _expand(cluster.names[0].text, expansions)
        target = by_key.get(expanded) if expanded is not None else None
        if target is not None and target is not cluster and target.names:
            target.names.extend(cluster.names)
            cluster.names = []
    return [cluster for cluster in clusters if cluster.names]


def _expand(surface: str, expansions: Mapping[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The name's words with each known acronym spelled out, or None if it has none."""
    words: list[str] = []
    expanded = False
    for token in _acronym_tokens(surface):
        if _is_acronym(token) and token.casefold() in expansions:
            words.extend(expansions[token.casefold()])
            expanded = True
        else:
            words.append(token.casefold())
    return tuple(words) if expanded else None


def _acronym_tokens(surface: str) -> list[str]:
    """The words of a name, with the dots of dotted acronyms removed ("U.S." -> "US")."""
    return _TOKEN.findall(re.sub(r"(?<=[A-Z])\.", "", surface))


def _is_acronym(token: str) -> bool:
    return token.isupper() and 2 <= len(token) <= 6


def _title_mentions(text: str, clusters: list[_Cluster]) -> dict[int, list[Mention]]:
    """Find "the <title>" standing alone, and give each to the person holding that title."""
    holders: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.label == "PERSON":
            for title in {key for name in cluster.names for t in name.titles for key in _title_keys(t)}:
                holders.setdefault(title, []).append(cluster)
    name_starts = {name.start for cluster in clusters for name in cluster.names}
    taken = [(name.start, name.end) for cluster in clusters for name in cluster.names]
    found: dict[int, list[Mention]] = {}
    for title, candidates in holders.items():
        pattern = re.compile(r"\b[Tt]he\s+(" + re.escape(title).replace(r"\ ", r"\s+") + r")\b", re.IGNORECASE)
        for match in pattern.finditer(text):
            after = re.match(r"[\s,]+", text[match.end() :])
            if after and match.end() + after.end() in name_starts:
                continue  # a title in front of a name, not standing for one
            if _overlaps(match.start(), match.end(), taken):
                continue
            holder = nearest_before(candidates, match.start())
            if len(candidates) > 1 and not any(n.start < match.start() for n in holder.names):
                continue  # several holders and none named yet: ambiguous
            mention = Mention(match.start(), match.end(), match.group(0), kind="title")
            found.setdefault(id(holder), []).append(mention)
    return found


def _title_keys(title: str) -> set[str]:
    """A title and the role it ends with: "Azerbaijani President" is also "President"."""
    keys = {" ".join(title.casefold().split())}
    if role := _ROLE_AT_END.search(title):
        keys.add(" ".join(role.group(0).casefold().split()))
    return keys


def _entity(index: int, cluster: _Cluster, title_mentions: list[Mention], label: str) -> Entity:
    longest = max(cluster.names, key=lambda name: (len(name.text), -name.start))
    mentions = [Mention(n.start, n.end, n.text) for n in cluster.names] + title_mentions
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    titles: dict[str, str] = {}
    for name in sorted(cluster.names, key=lambda name: name.start):
        for title in name.titles:
            titles.setdefault(title.casefold(), title)
    return Entity(
        id=f"E{index}",
        name=" ".join(longest.text.split()),
        label=label,
        mentions=tuple(mentions),
        titles=tuple(titles.values()),
    )
