from __future__ import annotations

import pytest

from spinscope.compare.lexicon import load_lexicon

# text, the (referent, term as written, name across scripts) of each use
USES = [
    (
        "inflected-with-star",
        "В Степанакерте и Ханкенди",
        [
            ("khankendi-stepanakert", "Степанакерт", "Stepanakert"),
            ("khankendi-stepanakert", "Ханкенди", "Khankendi"),
        ],
    ),
    ("instrumental-of-shusha", "под Шушой", [("shusha-shushi", "Шуша", "Shusha")]),
    (
        "genitive-beside-shusha",
        "Обстрел у Шуши. Город Шуша восстановлен.",
        [
            ("shusha-shushi", "Шуша", "Shusha"),
            ("shusha-shushi", "Шуша", "Shusha"),
        ],
    ),
    ("armenian-shushi-alone", "Обстрел у Шуши.", [("shusha-shushi", "Шуши", "Shushi")]),
    ("adjective-of-a-place", "в Кельбаджарском районе", [("kalbajar-karvachar", "Кельбаджар", "Kalbajar")]),
    ("two-word-star-form", "в Персидском заливе", [("persian-arabian-gulf", "Персидский залив", "Persian Gulf")]),
    ("framing-word", "двадцать три армянских диверсанта", [("detainee-status", "диверсанты", "saboteurs")]),
    ("english-unchanged", "outside Shushi", [("shusha-shushi", "Shushi", "Shushi")]),
    ("armenian-name-inflected", "у Бердзора", [("lachin-berdzor", "Бердзор", "Berdzor")]),
    ("adjective-of-lachin", "в Лачинском районе", [("lachin-berdzor", "Лачин", "Lachin")]),
    (
        "corridor-beats-the-place",
        "расширение Лачинского коридора",
        [
            ("lachin-corridor", "Лачинский коридор", "Lachin corridor"),
        ],
    ),
    ("road-framing", "расширение Лачинской дороги", [("lachin-corridor", "Лачинская дорога", "Lachin road")]),
    (
        "western-zangezur-beats-zangezur",
        "к Западному Зангезуру",
        [
            ("syunik-zangezur", "Западный Зангезур", "Western Zangezur"),
        ],
    ),
    ("syunik-adjective", "в Сюникской области", [("syunik-zangezur", "Сюник", "Syunik")]),
    ("south-ossetia-accusative", "в Южную Осетию", [("tskhinvali-south-ossetia", "Южная Осетия", "South Ossetia")]),
    (
        "tskhinvali-region-beats-the-town",
        "the occupied Tskhinvali region",
        [
            ("taking-territory", "occupation", "occupation"),
            ("tskhinvali-south-ossetia", "Tskhinvali region", "Tskhinvali region"),
        ],
    ),
    ("russian-tskhinval", "в Цхинвале", [("tskhinvali-tskhinval", "Цхинвал", "Tskhinval")]),
    ("georgian-tskhinvali", "в Цхинвали", [("tskhinvali-tskhinval", "Цхинвали", "Tskhinvali")]),
    (
        "azerbaijani-river-name",
        "Река Агстафачай вышла из берегов",
        [
            ("aghstev-aghstafachay", "Агстафачай", "Aghstafachay"),
        ],
    ),
    (
        "district-armenian-name",
        "в Кашатаге и Мартакерте",
        [
            ("qubadli-kashatagh", "Кашатаг", "Kashatagh"),
            ("aghdara-martakert", "Мартакерт", "Martakert"),
        ],
    ),
    ("nakhichevan-russian", "из Нахичевани", [("nakhchivan-nakhichevan", "Нахичевань", "Nakhichevan")]),
    (
        "eco-terror",
        "обвинил Ереван в экологическом терроре",
        [
            ("yerevan-irevan", "Ереван", "Yerevan"),
            ("water-release", "экологический террор", "ecological terror"),
        ],
    ),
    ("price-euphemism", "О корректировке цены сообщили", [("price-rise", "корректировка", "adjustment")]),
    (
        "pollution-and-a-river",
        "обвинило Армению в загрязнении реки Вохчи",
        [("water-release", "загрязнение", "pollution"), ("okhchuchay-voghji", "Вохчи", "Voghji")],
    ),
    ("soviet-name-of-kapan", "в Кафане", [("kapan-gafan", "Кафан", "Gafan")]),
    ("captured-participle", "на захваченных в 2020 году землях", [("taking-territory", "захват", "capture")]),
    (
        "came-under-control",
        "районы, перешедшие под контроль Баку",
        [("taking-territory", "переход под контроль", "came under control")],
    ),
    ("settlers", "колонна из 58 семей поселенцев", [("returnees-settlers", "поселенцы", "settlers")]),
    (
        "displaced-persons",
        "семьи вынужденных переселенцев",
        [("returnees-settlers", "вынужденные переселенцы", "displaced persons")],
    ),
    ("a-word-that-starts-like-a-town", "горисполком собрался", []),
    ("handover-of-villages", "предусматривает передачу двух сёл", [("handover-return", "передача", "handover")]),
    ("return-of-villages", "предусматривает возвращение двух сёл", [("handover-return", "возвращение", "return")]),
    ("peacekeepers", "российские миротворцы покинули", [("peacekeepers", "миротворцы", "peacekeepers")]),
    ("war-name", "после 44-дневной войны", [("war-2020", "44-дневная война", "44-day war")]),
    ("separatists", "армянские сепаратисты", [("armed-fighters", "сепаратисты", "separatists")]),
    (
        "separatist-regime-is-not-the-fighters",
        "сепаратистский режим",
        [
            ("karabakh-authorities", "сепаратистский режим", "separatist regime"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in USES], ids=[case[0] for case in USES])
def test_lexicon_finds_russian_variants_in_any_inflection(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(use.referent, use.term, use.name) for use in load_lexicon().find(text)] == expected


def test_every_russian_variant_renders_a_variant_of_its_referent() -> None:
    for referent in load_lexicon().referents.values():
        terms = {variant.term for variant in referent.variants}
        assert all(variant.renders in terms for variant in referent.variants if variant.renders), referent.id


# two names in any script, whether they are one referent, whether they are one name across scripts
PAIRS = [
    ("shushi-and-shusha", "Shushi", "Шуша", True, False),
    ("shusha-across-scripts", "Shusha", "Шуша", True, True),
    ("voghji-across-scripts", "Voghji", "Вохчи", True, True),
    ("okhchuchay-and-voghji", "Okhchuchay", "Вохчи", True, False),
    ("kapan-and-kafan", "Kapan", "Кафан", True, False),
    ("kapan-across-scripts", "Kapan", "Капан", True, True),
    ("karvachar-and-kalbajar", "Karvachar", "Кельбаджар", True, False),
    ("berdzor-and-lachin", "Berdzor", "Лачин", True, False),
    ("akna-and-aghdam", "Akna", "Агдам", True, False),
    ("martuni-and-khojavend", "Martuni", "Ходжавенд", True, False),
    ("vorotan-and-bazarchay", "Vorotan", "Базарчай", True, False),
    ("sevan-across-scripts", "Lake Sevan", "озеро Севан", True, True),
    ("two-towns", "Goris", "Капан", False, False),
]


@pytest.mark.parametrize(
    ("one", "other", "referent", "name"), [case[1:] for case in PAIRS], ids=[case[0] for case in PAIRS]
)
def test_lexicon_tells_one_referent_and_one_name_across_scripts(
    one: str, other: str, referent: bool, name: bool
) -> None:
    [first], [second] = load_lexicon().find(one), load_lexicon().find(other)
    assert (first.referent == second.referent) is referent
    assert (first.name == second.name) is name
