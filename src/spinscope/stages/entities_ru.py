"""The `entities` layer for Russian: natasha's mentions, clustered across inflection.

The rules are the English ones (`spinscope.stages.entities`) read through Russian grammar:
names are compared by their lemmas, not their surfaces, so the cases of a name are one name.

Clustering, in order:
1. Mentions are cleaned: quotes, punctuation and whitespace at the edges are not part of a
   name, and a mention ends at a line break. An organisation and the country or organisation
   in the genitive right after it are one name, the organisation's ("МИД России", "Минской
   группы ОБСЕ"). Each mention gets a key: the stems of its words' lemmas
   (`spinscope.gazetteer.russian.name_key`), so that "Шуша", "Шуши", "Шушу" and "Шушой" share
   one, and so do "Алиев", "Алиева" and "Алиеву"; a place's other name in the gazetteer gets
   the key of the name it stands for ("Ханкенди" is "Степанакерт", "Карабах" "Нагорный Карабах").
2. Mentions with the same key are one entity, whatever natasha labelled each.
3. A person's shorter name ("Алиев", "Ильхам Алиев") joins the longer name it is a part of
   ("Ильхам Гейдарович Алиев"); where two people share it, the one named most recently before.
   A one-word name natasha called an organisation or place that is such a person's surname
   joins them too, unless the gazetteer knows it as a place.
4. A person's surname, or a place's name, that natasha missed, in any case, is a mention of
   that person or place too, and a proper noun the gazetteer knows as a place is a place's
   mention, unless it opens a sentence and the text also uses it as an ordinary word.
5. An acronym ("МИД", "ООН") joins the organisation whose initials it spells ("Министерство
   иностранных дел", "Организация Объединённых Наций"), and "МИД России" joins "Министерство
   иностранных дел России"; an organisation's name alone ("МИД") joins the one organisation
   named with it and a country ("МИД России").
6. A title before a person's name ("президент Азербайджана Ильхам Алиев") is one of their
   titles, and the same title standing alone later ("президент заявил") is a mention of the
   person, the one named most recently before where several hold it.
The entity's name is its longest name in the nominative case (natasha's normaliser:
"Ильхама Алиева" -> "Ильхам Алиев"). Its label is decided for the whole entity:
- nationality words ("армяне", "российские") are a group (NORP);
- a title, or a person-tagged name of two words or more, makes a person;
- a name the Russian gazetteer lists is its place type (GPE or LOC) whatever natasha said
  ("Шуша освобождена" is tagged as a person): the list holds no town that is also a common
  surname or first name;
- a one-word name natasha called a person, with a place preposition before it ("в Шуше",
  "из Лачина"), is a place (GPE);
- otherwise, its mentions' majority label, a tie going to the longest mention's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from spinscope.document import Entity, Mention, Span
from spinscope.gazetteer.russian import canonical_key, known_label, listed_label, name_key
from spinscope.models.russian import normal_words
from spinscope.stages.entities import contains, nearest_before
from spinscope.stages.russian_mentions import (
    ACRONYM,
    MAX_TITLE_WORDS,
    PHRASE_SIZES,
    ROLE_TITLES,
    RussianName,
    find_russian_mentions,
    is_nominative,
    overlaps,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_russian_entities"]

_ACRONYM_SKIP = frozenset({"и", "о", "об", "по", "в", "во", "на", "за", "для", "с", "со", "при", "к"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_BRACKETS = frozenset("[](){}")


@dataclass(slots=True)
class _Cluster:
    names: list[RussianName] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        return max((name.key for name in self.names), key=len)

    @property
    def longest(self) -> RussianName:
        return max(self.names, key=lambda name: (len(name.key), len(name.text), -name.start))

    @property
    def label(self) -> str:
        if all(name.label == "NORP" for name in self.names):
            return "NORP"
        if any(name.is_person for name in self.names):
            return "PERSON"
        if (known := known_label(self.longest.lemmas)) is not None:
            return known
        votes = Counter(name.label for name in self.names)
        majority = max(votes, key=votes.__getitem__)
        if len(self.key) == 1 and majority == "PERSON" and any(name.place_cue for name in self.names):
            return "GPE"
        longest = self.longest
        return max(votes, key=lambda label: (votes[label], label == longest.label))


def find_russian_entities(parsed: Doc, *, exclude: Sequence[Span] = ()) -> list[Entity]:
    """Cluster the named mentions of a Russian parse into entities, ordered by first mention.

    Args:
        parsed: The Russian parse (`spinscope.models.russian.parse_russian`): tokens with
            lemmas and morphology, and entities with OntoNotes labels.
        exclude: Stretches of text whose mentions are ignored (breadcrumbs, datelines).
    """
    skip = [(span.start, span.end) for span in exclude]
    names = find_russian_mentions(parsed, skip)
    clusters = _merge_org_heads(_merge_acronyms(_merge_person_parts(_group_same_names(names))))
    _recover_names(parsed, clusters, skip)
    clusters.sort(key=lambda cluster: min(name.start for name in cluster.names))
    titles = _title_mentions(parsed, clusters, skip)
    return [_entity(index, cluster, titles.get(id(cluster), [])) for index, cluster in enumerate(clusters, 1)]


def _group_same_names(names: Iterable[RussianName]) -> list[_Cluster]:
    groups: dict[tuple[str, ...], _Cluster] = {}
    for name in sorted(names, key=lambda name: name.start):
        groups.setdefault(name.key, _Cluster()).names.append(name)
    return list(groups.values())


def _merge_person_parts(clusters: list[_Cluster]) -> list[_Cluster]:
    """Move each mention of a part of a person's name to the person it most likely names."""
    people = [c for c in clusters if c.label == "PERSON" and len(c.key) >= 2]
    for cluster in sorted(clusters, key=lambda c: len(c.key), reverse=True):
        label = cluster.label
        if not cluster.names or label == "NORP":
            continue
        if label != "PERSON" and (len(cluster.key) != 1 or known_label(cluster.longest.lemmas) is not None):
            continue
        wholes = [p for p in people if p is not cluster and p.names and _part_of(cluster, p, surname=label != "PERSON")]
        if not wholes:
            continue
        for name in cluster.names:
            nearest_before(wholes, name.start).names.append(name)
        cluster.names = []
    return [cluster for cluster in clusters if cluster.names]


def _recover_names(parsed: Doc, clusters: list[_Cluster], skip: Sequence[tuple[int, int]]) -> None:
    """Add what natasha missed: a person's surname and a place's name, in any case, to that
    person or place; a proper noun the gazetteer knows as a place, as a place."""
    known: dict[tuple[str, ...], list[_Cluster]] = {}
    for cluster in clusters:
        label = cluster.label
        if label == "PERSON" and len(cluster.key) >= 2 and len(cluster.key[-1]) >= 3:
            surnames = {key[-1:] for name in cluster.names for key in (name.key, name.written) if len(key) >= 2}
            for surname in surnames:
                known.setdefault(surname, []).append(cluster)
        elif label in _PLACE_LABELS:
            known.setdefault(cluster.key, []).append(cluster)
    taken = [(name.start, name.end) for cluster in clusters for name in cluster.names] + list(skip)
    _recover_listed_phrases(parsed, clusters, known, taken)
    taken = [(name.start, name.end) for cluster in clusters for name in cluster.names] + list(skip)
    common = {token.text for token in parsed if token.text.islower()}
    for token in parsed:
        if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
            continue
        if overlaps(token.idx, token.idx + len(token), taken):
            continue
        if token.is_sent_start and token.lower_ in common:
            continue  # "Мороз ударил", where the text also says "мороз"
        lemma = token.lemma_ or token.text
        key = canonical_key([lemma])
        holders = known.get(key) or known.get(canonical_key([token.text]))
        known_as = "PERSON" if holders and holders[0].label == "PERSON" else known_label([lemma])
        if holders is None and (token.pos_ != "PROPN" or known_as not in _PLACE_LABELS):
            continue
        span = parsed[token.i : token.i + 1]
        name = RussianName(token.idx, token.idx + len(token), token.text, known_as or "GPE", key, (lemma,), span)
        if holders is None:
            holders = known.setdefault(key, [_Cluster()])
            clusters.append(holders[0])
        holder = nearest_before(holders, token.idx) if len(holders) > 1 else holders[0]
        holder.names.append(name)


def _recover_listed_phrases(
    parsed: Doc, clusters: list[_Cluster], known: dict[tuple[str, ...], list[_Cluster]], taken: list[tuple[int, int]]
) -> None:
    """Add the places of two or three words that the gazetteer lists and natasha missed
    ("Лачинского коридора")."""
    words = [token for token in parsed if not token.is_space]
    for size in PHRASE_SIZES:
        for index in range(len(words) - size + 1):
            tokens = words[index : index + size]
            if not tokens[0].text[:1].isupper() or any(token.is_punct for token in tokens):
                continue
            if tokens[-1].i - tokens[0].i != size - 1:
                continue  # a line break or a space run between: not one name
            lemmas = [token.lemma_ or token.text for token in tokens]
            label = listed_label(lemmas)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            if label is None or overlaps(start, end, taken):
                continue
            key = canonical_key(lemmas)
            span = parsed[tokens[0].i : tokens[-1].i + 1]
            holders = known.get(key)
            if holders is None:
                holders = known.setdefault(key, [_Cluster()])
                clusters.append(holders[0])
            holders[0].names.append(RussianName(start, end, span.text, label, key, tuple(lemmas), span))
            taken.append((start, end))


def _merge_acronyms(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge a name written with an acronym ("ООН", "МИД России") into the same name spelled
    out elsewhere in the text ("Организация Объединённых Наций", "Министерство иностранных дел
    России"), where only one name spells those initials."""
    spelled: dict[str, set[tuple[str, ...]]] = {}
    for cluster in clusters:
        if any(ACRONYM.fullmatch(token.text) for token in cluster.longest.span):
            continue  # a name with an acronym in it spells nothing out
        words = cluster.key
        for start, end in combinations(range(len(words) + 1), 2):
            part = words[start:end]
            if len(part) >= 2 and part[0] not in _ACRONYM_SKIP and part[-1] not in _ACRONYM_SKIP:
                spelled.setdefault("".join(word[0] for word in part if word not in _ACRONYM_SKIP), set()).add(part)
    expansions = {initials: next(iter(parts)) for initials, parts in spelled.items() if len(parts) == 1}
    by_key = {cluster.key: cluster for cluster in clusters}
    for cluster in clusters:
        expanded = _expand(cluster.longest, expansions)
        target = by_key.get(expanded) if expanded is not None else None
        if target is not None and target is not cluster and target.names:
            target.names.extend(cluster.names)
            cluster.names = []
    return [cluster for cluster in clusters if cluster.names]


def _expand(name: RussianName, expansions: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The name's key with each acronym spelled out, or None if it has none to spell out."""
    key: list[str] = []
    expanded = False
    for token in name.span:
        if token.is_space or not any(ch.isalnum() for ch in token.text):
            continue
        if ACRONYM.fullmatch(token.text) and token.text.casefold() in expansions:
            key.extend(expansions[token.text.casefold()])
            expanded = True
        else:
            key.extend(name_key([token.lemma_ or token.text]))
    return tuple(key) if expanded else None


def _merge_org_heads(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge an organisation's name alone ("МИД") into the one organisation named with it and a
    country ("МИД России")."""
    for cluster in clusters:
        if cluster.label != "ORG" or not cluster.names:
            continue
        wholes = [
            other
            for other in clusters
            if other is not cluster
            and other.names
            and other.label == "ORG"
            and any(name.head == cluster.key and name.key != name.head for name in other.names)
        ]
        if len(wholes) == 1:
            wholes[0].names.extend(cluster.names)
            cluster.names = []
    return [cluster for cluster in clusters if cluster.names]


def _title_mentions(parsed: Doc, clusters: list[_Cluster], skip: Sequence[tuple[int, int]]) -> dict[int, list[Mention]]:
    """Find a person's role word standing alone ("президент заявил"), and give it to the person
    holding that title."""
    holders: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.label == "PERSON":
            lemmas = {lemma for name in cluster.names for title in name.title_lemmas for lemma in title}
            roles = lemmas & ROLE_TITLES
            for role in roles:
                holders.setdefault(role, []).append(cluster)
    if not holders:
        return {}
    taken = [(name.start, name.end) for cluster in clusters for name in cluster.names]
    found: dict[int, list[Mention]] = {}
    for token in parsed:
        candidates = holders.get(token.lemma_.casefold())
        if candidates is None or not (token.text[:1].islower() or token.is_sent_start):
            continue
        end = token.idx + len(token)
        if overlaps(token.idx, end, [*taken, *skip]) or _names_follow(parsed, token.i, taken):
            continue
        holder = nearest_before(candidates, token.idx)
        if len(candidates) > 1 and not any(name.start < token.idx for name in holder.names):
            continue  # several holders and none named yet: ambiguous
        found.setdefault(id(holder), []).append(Mention(token.idx, end, token.text, kind="title"))
    return found


def _names_follow(parsed: Doc, index: int, taken: Sequence[tuple[int, int]]) -> bool:
    """Whether a name follows the role word within a title's reach ("президент Франции Эмманюэль
    Макрон"): then the word is a title of that name, not a mention on its own."""
    starts = {start for start, _ in taken}
    for token in parsed[index + 1 : index + 1 + MAX_TITLE_WORDS]:
        if token.is_space:
            continue
        if token.idx in starts:
            return True
        if token.is_punct or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
    return False


def _entity(index: int, cluster: _Cluster, title_mentions: list[Mention]) -> Entity:
    mentions = [Mention(n.start, n.end, n.text) for n in cluster.names] + title_mentions
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    titles: dict[str, str] = {}
    for name in sorted(cluster.names, key=lambda name: name.start):
        for title in name.titles:
            titles.setdefault(title.casefold(), title)
    return Entity(
        id=f"E{index}",
        name=_nominative(cluster),
        label=cluster.label,
        mentions=tuple(mentions),
        titles=tuple(titles.values()),
    )


def _nominative(cluster: _Cluster) -> str:
    """The entity's longest name in the nominative case: a mention whose main word is already
    in it where there is one ("Министерство иностранных дел"), else natasha's normal form, with
    each word it could not inflect replaced by the word's lemma ("Реем Кляйном" -> "Рей Кляйн")."""
    longest = max(len(name.key) for name in cluster.names)
    candidates = sorted((n for n in cluster.names if len(n.key) == longest), key=lambda n: n.start)
    for name in candidates:
        if is_nominative(name.span.root):
            return " ".join(token.text for token in name.span if _is_word(token))
    name = candidates[0]
    tokens = [token for token in name.span if not token.is_space]
    normal = normal_words(name.span)
    words = [
        _shaped(token) if word == token.text and not is_nominative(token) and token.pos_ in ("PROPN", "NOUN") else word
        for word, token in zip(normal, tokens, strict=True)
    ]
    return " ".join(word for word, token in zip(words, tokens, strict=True) if _is_word(token))


def _is_word(token: Token) -> bool:
    """Whether a token of a name belongs in the entity's name: not a space, and not a bracket
    an editor put inside a quotation ("[Франсуа] Дювалье")."""
    return not token.is_space and token.text not in _BRACKETS


def _shaped(token: Token) -> str:
    """The token's lemma written as the token is: "Шушу" -> "Шуша", "МИД" -> "МИД"."""
    lemma = token.lemma_ or token.text
    if token.text.isupper() and len(token.text) > 1:
        return lemma.upper()
    if token.text[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma


def _part_of(part: _Cluster, whole: _Cluster, *, surname: bool) -> bool:
    """Whether a name of `part` is a part of a longer name of `whole`, by lemmas or as written;
    with `surname`, its last part only."""
    parts = {key for name in part.names for key in (name.key, name.written) if key}
    wholes = {key for name in whole.names for key in (name.key, name.written) if key}
    if surname:
        return any(len(w) > len(p) and w[-len(p) :] == p for p in parts for w in wholes)
    return any(contains(w, p) for p in parts for w in wholes)
