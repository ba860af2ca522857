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
        "surname-joins-full-name", "title-stripped-and-mislabel-joined", "honorific-and-possessive",
        "shared-surname-goes-to-most-recent", "acronym", "acronym-inside-a-name", "place-stays-a-place",
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
    left = "President [Ilham Aliyev](PERSON) answered Prime Minister [Nikol Pashinyan](PERSON). [Aliyev](PERSON) spoke first."
    right = "President [Nikol Pashinyan](PERSON) answered Prime Minister [Ilham Aliyev](PERSON). [Pashinyan](PERSON) spoke first."
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
            "Ilham Aliyev", ("Commander-in-Chief", "President"),
        ),
    ],
    ids=["honorific-is-no-title", "title-inside-the-mention", "lowercase-title-with-modifier", "title-chain"],
)
def test_find_entities_separates_titles_from_names(markup, source: str, name: str, titles: tuple) -> None:
    document, mentions = markup(source)
    [person] = find_entities(document.text, mentions)
    assert (person.name, person.titles) == (name, titles)
