from __future__ import annotations

import pytest

from spinscope.stages.entities import find_entities


def _clusters(markup, source: str) -> list[tuple[str, str, list[str]]]:
    document, mentions = markup(source)
    return [(e.name, e.label, [m.text for m in e.mentions]) for e in find_entities(document.text, mentions)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "President [Ilham Aliyev](PERSON) spoke. [Aliyev](PERSON) said the war was over.",
            [("Ilham Aliyev", "PERSON", ["Ilham Aliyev", "Aliyev"])],
        ),
        (
            "[President Ilham Aliyev](PERSON) spoke. [Aliyev](ORG) said so.",
            [("Ilham Aliyev", "PERSON", ["Ilham Aliyev", "Aliyev"])],
        ),
        (
            "[Mr. David Brandt](PERSON) objected. [Brandt](PERSON)'s vote failed.",
            [("David Brandt", "PERSON", ["David Brandt", "Brandt"])],
        ),
        (
            "[Heydar Aliyev](PERSON) led in 1993. [Ilham Aliyev](PERSON) led in 2020. [Aliyev](PERSON) spoke.",
            [("Heydar Aliyev", "PERSON", ["Heydar Aliyev"]), ("Ilham Aliyev", "PERSON", ["Ilham Aliyev", "Aliyev"])],
        ),
        (
            "[the United Nations](ORG) met. [The UN](ORG) said so.",
            [("United Nations", "ORG", ["United Nations", "UN"])],
        ),
        (
            "[the UN Security Council](ORG) and [the United Nations Security Council](ORG) met.",
            [("United Nations Security Council", "ORG", ["UN Security Council", "United Nations Security Council"])],
        ),
        (
            "[George Washington](PERSON) was born far from [Washington](GPE).",
            [("George Washington", "PERSON", ["George Washington"]), ("Washington", "GPE", ["Washington"])],
        ),
        ("[Shusha](GPE) and [Shusha](GPE) again, then [28 years](DATE).", [("Shusha", "GPE", ["Shusha", "Shusha"])]),
    ],
    ids=[
        "surname-joins-full-name",
        "title-stripped-and-mislabel-joined",
        "honorific-and-possessive",
        "shared-surname-goes-to-most-recent",
        "acronym",
        "acronym-inside-a-name",
        "place-stays-a-place",
        "numbers-are-not-entities",
    ],
)
def test_find_entities_clusters_mentions(markup, source: str, expected: list) -> None:
    assert _clusters(markup, source) == expected


def test_find_entities_resolves_a_bare_title_to_its_holder(markup) -> None:
    document, mentions = markup(
        "These words came from President [Ilham Aliyev](PERSON). “Shusha is free,” the President said."
    )
    [aliyev] = find_entities(document.text, mentions)
    assert aliyev.titles == ("President",)
    assert [(m.text, m.kind) for m in aliyev.mentions] == [("Ilham Aliyev", "name"), ("the President", "title")]


def test_find_entities_gives_a_shared_title_to_the_most_recent_holder(markup) -> None:
    document, mentions = markup(
        "President [Ilham Aliyev](PERSON) met President [Vladimir Putin](PERSON). Later the President left."
    )
    entities = {e.name: [m.text for m in e.mentions] for e in find_entities(document.text, mentions)}
    assert entities == {"Ilham Aliyev": ["Ilham Aliyev"], "Vladimir Putin": ["Vladimir Putin", "the President"]}


def test_find_entities_is_the_same_for_swapped_names(markup) -> None:
    left = (
        "President [Ilham Aliyev](PERSON) answered Prime Minister [Nikol Pashinyan](PERSON). "
        "[Aliyev](PERSON) spoke first."
    )
    right = (
        "President [Nikol Pashinyan](PERSON) answered Prime Minister [Ilham Aliyev](PERSON). "
        "[Pashinyan](PERSON) spoke first."
    )
    shape = lambda clusters: [(label, len(mentions)) for _, label, mentions in clusters]  # noqa: E731
    assert shape(_clusters(markup, left)) == shape(_clusters(markup, right))


def test_find_entities_skips_excluded_stretches(markup) -> None:
    document, mentions = markup("[Home • Politics](ORG)\nThe [Azerbaijani Army](ORG) advanced.")
    entities = find_entities(document.text, mentions, exclude=[document.span(0, 16)])
    assert [e.name for e in entities] == ["Azerbaijani Army"]


@pytest.mark.parametrize(
    ("source", "mentions"),
    [
        ("Mayor [Helen Okafor](PERSON) spoke.\nOkafor said that work begins.", ["Helen Okafor", "Okafor"]),
        ("[Tom Young](PERSON) spoke. Young people cheered, and young voters too.", ["Tom Young"]),
        ("[Tom Young](PERSON) spoke, and Young answered questions.", ["Tom Young", "Young"]),
    ],
    ids=["missed-surname-recovered", "common-word-at-sentence-start-left-alone", "surname-mid-sentence"],
)
def test_find_entities_recovers_surnames_the_tagger_missed(markup, source: str, mentions: list[str]) -> None:
    document, raw = markup(source)
    [person] = find_entities(document.text, raw)
    assert [m.text for m in person.mentions] == mentions


@pytest.mark.parametrize(
    ("source", "name", "titles"),
    [
        ("[Mr. David Brandt](PERSON) objected.", "David Brandt", ()),
        ("[Prime Minister Nikol Pashinyan](PERSON) spoke.", "Nikol Pashinyan", ("Prime Minister",)),
        ("Opposition councillor [David Brandt](PERSON) objected.", "David Brandt", ("Opposition councillor",)),
        (
            "the Commander-in-Chief, President [Ilham Aliyev](PERSON): “...”",
            "Ilham Aliyev",
            ("Commander-in-Chief", "President"),
        ),
    ],
    ids=["honorific-is-no-title", "title-inside-the-mention", "lowercase-title-with-modifier", "title-chain"],
)
def test_find_entities_separates_titles_from_names(markup, source: str, name: str, titles: tuple) -> None:
    document, mentions = markup(source)
    [person] = find_entities(document.text, mentions)
    assert (person.name, person.titles) == (name, titles)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "[Azerbaijani](PERSON) troops entered. [Azerbaijanis](ORG) cheered.",
            [("Azerbaijani", "NORP"), ("Azerbaijanis", "NORP")],
        ),
        ("The [Talysh](PERSON) live in the south.", [("Talysh", "NORP")]),
        ("Crowds gathered in [Shusha](PERSON).", [("Shusha", "GPE")]),
        ("Life returned to the streets of Dorvel and, in [Varnak](PERSON), the market.", [("Varnak", "GPE")]),
        (
            "Troops left [Dorvel](GPE), [Varnak](PERSON) and [Tesmir](PERSON) without a shot.",
            [("Dorvel", "GPE"), ("Varnak", "GPE"), ("Tesmir", "GPE")],
        ),
        (
            "Troops left [Yerevan](ORG), [Varnak](PERSON) and [Tesmir](GPE).",
            [("Yerevan", "GPE"), ("Varnak", "GPE"), ("Tesmir", "GPE")],
        ),
        ("Ambassador [Kurt Volker](ORG) resigned.", [("Kurt Volker", "PERSON")]),
        ("[Spokeswoman Sandy Angers](ORG) declined.", [("Sandy Angers", "PERSON")]),
        ("Sen. [Ben Sasse](ORG) objected.", [("Ben Sasse", "PERSON")]),
        ("[Kurt Volker](ORG), the former special envoy, resigned.", [("Kurt Volker", "PERSON")]),
    ],
    ids=[
        "nationality-is-a-group",
        "people-is-a-group",
        "place-word-in",
        "place-word-before",
        "list-with-a-place",
        "organisation-in-a-list-of-places",
        "title-before-makes-a-person",
        "title-inside-an-organisation",
        "abbreviated-title",
        "role-in-apposition",
    ],
)
def test_find_entities_types_names_by_entity(markup, source: str, expected: list) -> None:
    assert [(name, label) for name, label, _ in _clusters(markup, source)] == expected


@pytest.mark.parametrize(
    "source",
    [
        "[Gordon Sondland](PERSON) testified. [Sondland](GPE) said he was following orders.",
        "[Adam Schiff](PERSON) asked. [Schiff](LOC) then read the text.",
    ],
    ids=["surname-tagged-place", "surname-tagged-location"],
)
def test_find_entities_never_splits_a_surname_from_its_person(markup, source: str) -> None:
    [person] = _clusters(markup, source)
    assert person[1] == "PERSON" and len(person[2]) == 2


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[Obama](PERSON) said the talks would go on.", [("Obama", "PERSON")]),
        (
            "[Obama](PERSON), [Clinton](PERSON) and [Bush](PERSON) spoke.",
            [("Obama", "PERSON"), ("Clinton", "PERSON"), ("Bush", "PERSON")],
        ),
    ],
    ids=["surname-that-is-a-town", "list-of-surnames-that-are-towns"],
)
def test_find_entities_leaves_people_whose_names_are_towns_too(markup, source: str, expected: list) -> None:
    assert [(name, label) for name, label, _ in _clusters(markup, source)] == expected


def test_find_entities_keeps_a_person_who_speaks_near_a_place_word(markup) -> None:
    document, mentions = markup("Talks began in [Varnak](PERSON). Across [Tesmir](PERSON) said no.")
    labels = {e.name: e.label for e in find_entities(document.text, mentions)}
    assert labels == {"Varnak": "GPE", "Tesmir": "PERSON"}


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("It was called the [the “Iron Fist](WORK_OF_ART)” operation.", "Iron Fist"),
    ],
    ids=["quote-after-the"],
)
def test_find_entities_keeps_quote_marks_out_of_names(markup, source: str, name: str) -> None:
    [entity] = _clusters(markup, source)
    assert entity[0] == name


def test_find_entities_drops_lowercase_words(markup) -> None:
    document, mentions = markup("Schools and [mosques](FAC) are rising in [Baku](GPE).")
    assert [e.name for e in find_entities(document.text, mentions)] == ["Baku"]


def test_find_entities_joins_a_surname_that_is_also_a_town_where_it_speaks(markup) -> None:
    document, mentions = markup("[Fritz Henderson](PERSON) spoke first. Later [Henderson](GPE) stated that sales fell.")
    [person] = find_entities(document.text, mentions)
    assert (person.name, [m.text for m in person.mentions]) == ("Fritz Henderson", ["Fritz Henderson", "Henderson"])
