"""Place names across scripts and cases (`spinscope.compare.places`), and the place-name
differences they make without a lexicon entry (real units, built by hand, no models)."""

from __future__ import annotations

import pytest

from spinscope.compare.differences import facts_differ, find_differences, places_differ
from spinscope.compare.places import (
    PlaceLevels,
    find_kind_named,
    find_towns,
    follows_a_locative,
    is_country_name,
    kind_beside,
    nominatives,
    place_countries,
    place_names_differ,
    same_place,
)
from tests.compare.test_crosslang_units import _marked

# one written name, another, whether they are one name
PLACES = [
    ("same-spelling-across-scripts", "Энгури", "Enguri", True),
    ("another-name-of-the-river", "Ингур", "Enguri", False),
    ("genitive-of-a-noun-in-a", "Шуши", "Шуша", True),
    ("accusative-of-a-noun-in-a", "Шушу", "Шуша", True),
    ("instrumental-across-scripts", "Шушой", "Shusha", True),
    ("locative-of-a-masculine-noun", "во Владикавказе", "Vladikavkaz", True),
    ("genitive-of-a-masculine-noun", "Степанакерта", "Stepanakert", True),
    ("locative-of-gal-is-not-gali", "Гале", "Gali", False),
    ("locative-of-gal-is-not-gali-in-russian", "Гале", "Гали", False),
    ("locative-of-tskhinval-is-not-tskhinvali", "Цхинвале", "Цхинвали", False),
    ("a-name-in-i-does-not-decline", "Цхинвали", "Tskhinvali", True),
    ("a-latvian-j-is-y", "Пиедруи", "Piedruja", True),
    ("an-uzbek-j-is-zh", "Андижанской области", "Andijan region", True),
    ("a-ukrainian-i-is-e", "Смеле", "Smila", True),
    ("another-vowel-is-another-name", "Кулябе", "Kulob", False),
    ("a-y-before-a-vowel-is-i", "Токио", "Tokyo", True),
    ("a-ukrainian-zh-before-h", "Ужгорода", "Uzhhorod", True),
    ("a-latin-ia-is-the-russian-ye", "Закарпатья", "Zakarpattia", True),
    ("a-q-is-k", "Кусарском районе", "Qusar district", True),
    ("a-q-is-g", "Губинском районе", "Quba district", True),
    ("a-q-is-no-other-letter", "Тусарском районе", "Qusar district", False),
    ("an-adjective-of-a-name-in-ia", "Закарпатской области", "Zakarpattia", True),
    ("a-country-with-a-compounds-article", "the Norway", "Норвегией", True),
    ("adjective-of-a-district", "Дзауского района", "Dzau district", True),
    ("adjective-of-another-district", "Дзауского района", "Java district", False),
    ("adjective-with-dzh", "Джавского района", "Java district", True),
    ("adjective-with-in", "Бардинского", "Barda", True),
    ("adjective-with-n", "Губадлинского района", "Gubadli", True),
    ("adjective-in-the-locative", "Мартакертском районе", "Martakert", True),
    ("adjective-drops-the-last-vowel", "Гальского района", "Gali", True),
    ("adjective-of-a-municipality", "Зугдидском муниципалитете", "Zugdidi", True),
    ("schwa-as-e-and-a", "Кельбаджарском районе", "Kalbajar district", True),
    ("schwa-in-an-adjective", "Агджабединского", "Aghjabadi", True),
    ("gh-and-kh", "Ханкенди", "Khankendi", True),
    ("adjective-and-noun", "Нижнего Зарамага", "Nizhny Zaramag", True),
    ("short-adjective", "Нагорный Карабах", "Nagorno-Karabakh", True),
    ("adjective-in-oi", "Головного водозабора", "Golovnoi", True),
    ("iya-and-ia", "Абхазии", "Abkhazia", True),
    ("one-state", "Грузии", "Georgia", True),
    ("two-rivers", "Базарчай", "Vorotan", False),
    ("two-latin-names", "Gali", "Gala", False),
    ("a-hard-c-is-k", "Comrat", "Комрате", True),
    ("a-plural-locative", "Олешках", "Oleshky", True),
    ("another-name-in-the-plural", "Алёшках", "Oleshky", False),
    ("iya-against-a-final-e", "Латгалии", "Latgale", True),
    ("iya-against-a-final-i", "Кахетии", "Kakheti", True),
    ("iya-against-another-name", "Латгалии", "Zemgale", False),
    ("t-written-for-a-romanian-ts", "Варницы", "Varnita", True),
    ("t-is-not-another-letter", "Варницы", "Varnika", False),
    ("ukrainian-i-for-russian-o", "Харькова", "Kharkiv", True),
    ("ukrainian-i-and-iu-in-a-suffix", "Корюковкой", "Koriukivka", True),
    ("ukrainian-i-is-not-any-vowel", "Харькова", "Kharkiv region", True),
    ("the-ukrainian-name-of-kyiv-stays-its-own", "Кийив", "Kiev", False),
    ("an-adjective-of-a-town-in-sk", "Омскую область", "Omsk region", True),
    ("a-country-by-its-russian-name", "Китае", "China", True),
    ("a-country-in-the-genitive", "Польши", "Poland", True),
    ("two-countries", "Литвы", "Latvia", False),
]


@pytest.mark.parametrize(("one", "other", "same"), [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_same_place_survives_cases_adjectives_and_spellings(one: str, other: str, same: bool) -> None:
    assert same_place(one, other) is same
    assert same_place(other, one) is same


# one side's places, the other's, the places each has that the other has no name for
PAIRINGS = [
    ("one-place-renamed", [("Gali", None)], [("Гале", None)], (["Gali"], ["Гале"])),
    ("a-place-omitted", [("Zugdidi", None), ("Gali", None)], [("Зугдиди", None)], ([], [])),
    (
        "two-places-both-named",
        [("Vladikavkaz", None), ("Nizhny Zaramag", None)],
        [("у Нижнего Зарамага", None), ("Владикавказа", None)],
        ([], []),
    ),
    ("one-lexicon-referent", [("Shusha", "shusha-shushi")], [("Шуши", "shusha-shushi")], ([], [])),
    ("only-the-kind-of-place", [("the district", None)], [("района", None)], ([], [])),
    ("a-village-against-a-district", [("Norabak", None)], [("Варденисского района", None)], ([], [])),
    (
        "a-village-against-a-district-of-another-country",
        [("Norabak", None)],
        [("Кельбаджарского района", None)],
        (["Norabak"], ["Кельбаджарского района"]),
    ),
    ("one-place-against-two", [("Goris", None)], [("Ханкенди", None), ("Шуше", None)], ([], [])),
    ("a-state-is-no-place-name", [("Armenia", None)], [("Азербайджан", None)], ([], [])),
    ("a-common-word-taken-for-a-place", [("Kalbajar", None)], [("Жителям района", None)], ([], [])),
    (
        "a-hyphenated-name-of-common-words",
        [("Marhanets", None)],
        [("Каменки-Днепровской", None)],
        (["Marhanets"], ["Каменки-Днепровской"]),
    ),
    (
        "a-second-capitalised-word",
        [("Medininkai crossing", None)],
        [("Каменный Лог", None)],
        (["Medininkai crossing"], ["Каменный Лог"]),
    ),
    (
        "a-region-by-its-adjective",
        [("Ulytau region", None)],
        [("Карагандинской области", None)],
        (["Ulytau region"], ["Карагандинской области"]),
    ),
    (
        "common-words-the-other-side-names",
        [("Golovnoi", None), ("Isfara", None)],
        [("Головного водозабора", None), ("Исфара", None), ("Баткена", None)],
        ([], []),
    ),
]


@pytest.mark.parametrize(("one", "other", "expected"), [c[1:] for c in PAIRINGS], ids=[c[0] for c in PAIRINGS])
def test_place_names_differ_pairs_the_places_by_name(one, other, expected) -> None:
    assert place_names_differ(one, other) == expected


# one side's places, the other's, the places each has that the other has no name for
FEATURES = [
    (
        "a-river-one-side-adds",
        [("Oleshky", None), ("the Dnipro", "dnipro-dnipropetrovsk")],
        [("Алёшках", None)],
        (["Oleshky"], ["Алёшках"]),
    ),
    ("a-river-against-a-town", [("the Dnipro", None)], [("Херсоне", None)], ([], [])),
    ("a-valley-against-a-town", [("Bartang valley", None)], [("Рушане", None)], ([], [])),
    (
        "a-lagoon-against-a-bay",
        [("Vistula Lagoon", None)],
        [("Калининградском заливе", None)],
        (["Vistula Lagoon"], ["Калининградском заливе"]),
    ),
]


@pytest.mark.parametrize(("one", "other", "expected"), [c[1:] for c in FEATURES], ids=[c[0] for c in FEATURES])
def test_place_names_differ_pairs_a_feature_only_with_a_feature(one, other, expected) -> None:
    assert place_names_differ(one, other) == expected
    assert place_names_differ(other, one) == expected[::-1]


# a bare name, the written places of its group, whether the group names it as a district
LEVELS = [
    ("always-a-district-in-the-other-script", "Gorno-Badakhshan", ["Горно-Бадахшанской автономной области"], True),
    ("a-town-and-its-region", "Kherson", ["Херсона", "Херсонской области"], False),
    ("not-named-in-the-other-script", "Рошорв", ["Gorno-Badakhshan", "Bartang valley"], False),
    ("a-district-only-in-its-own-script", "Gorno-Badakhshan", ["Gorno-Badakhshan region"], False),
    ("russian-bare-english-district", "Сюнике", ["Syunik province"], True),
    (
        "its-own-script-writes-the-district-otherwise",
        "Brest",
        ["Brest", "Brest regions", "Брестской областях"],
        False,
    ),
]


@pytest.mark.parametrize(("name", "names", "district"), [c[1:] for c in LEVELS], ids=[c[0] for c in LEVELS])
def test_place_levels_read_a_bare_names_level_from_the_other_script(
    name: str, names: list[str], district: bool
) -> None:
    assert PlaceLevels.from_names(names).district(name) is district


def test_place_names_differ_reads_levels_from_the_group() -> None:
    region, village = [("Gorno-Badakhshan", None)], [("Рошорва", None)]
    levels = PlaceLevels.from_names(["Gorno-Badakhshan", "Горно-Бадахшанской автономной области", "кишлак Рошорв"])
    assert place_names_differ(region, village) == (["Gorno-Badakhshan"], ["Рошорва"])
    assert place_names_differ(region, village, levels=levels) == ([], [])


# marked English sentence, marked Russian sentence, whether a place-name difference is found
CLAIMS = [
    (
        "a-town-renamed-beside-a-river",
        "A bus was hit in the town of [Oleshky](GPE), on the left bank of the [Dnipro](GPE).",
        "Автобус обстреляли в [Алёшках](GPE).",
        True,
    ),
    (
        "a-town-in-the-plural-beside-a-river",
        "A bus was hit in the town of [Oleshky](GPE), on the left bank of the [Dnipro](GPE).",
        "Автобус обстреляли в [Олешках](GPE).",
        False,
    ),
    (
        "a-river-against-a-town",
        "Shells fell along the [Dnipro](GPE) overnight.",
        "Ночью снаряды падали в [Херсоне](GPE).",
        False,
    ),
    (
        "a-region-in-iya",
        "It was the 27th incident in [Latgale](GPE) this year.",
        "Это уже 27-й случай в [Латгалии](GPE) в этом году.",
        False,
    ),
    (
        "a-river-the-lexicon-does-not-hold",
        "The crossing point on the [Enguri](GPE) bridge reopened.",
        "Пункт пропуска на мосту через [Ингур](GPE) возобновил работу.",
        True,
    ),
    (
        "the-same-river-in-two-scripts",
        "The crossing point on the [Enguri](GPE) bridge reopened.",
        "Пропускной пункт на мосту через [Энгури](GPE) вновь открылся.",
        False,
    ),
    (
        "a-locative-of-another-form",
        "Talks were held in [Gali](GPE) with the mission.",
        "Переговоры прошли в [Гале](GPE) при посредничестве миссии.",
        True,
    ),
    (
        "a-district-by-its-adjective",
        "Petrol ran short in the [Java district](GPE) on Monday.",
        "В [Джавского района](GPE) в понедельник не хватало бензина.",
        False,
    ),
    (
        "another-district-by-its-adjective",
        "Petrol ran short in the [Java district](GPE) on Monday.",
        "На заправках [Дзауского района](GPE) в понедельник не хватало бензина.",
        True,
    ),
    (
        "a-place-one-side-omits",
        "Residents of [Gali](GPE) queued in [Zugdidi](GPE) for hours.",
        "Жители ждали в [Зугдиди](GPE) несколько часов.",
        False,
    ),
    (
        "a-person-beside-a-kind-of-place",
        "The body lay 5 kilometres south of the [Medininkai](PERSON) crossing.",
        "Тело лежало южнее пункта пропуска «[Каменный Лог](GPE)».",
        True,
    ),
    (
        "two-regions-one-by-its-adjective",
        "The booster fell in [Ulytau](GPE) region on Monday.",
        "Блок упал в [Карагандинской области](GPE) в понедельник.",
        True,
    ),
    (
        "a-region-named-after-its-word",
        "The booster fell in [Ulytau](GPE) region on Monday.",
        "Блок упал в понедельник в области [Улытау](GPE).",
        False,
    ),
    (
        "a-region-after-its-word-against-an-adjective",
        "Блок упал в [Карагандинской области](GPE) в понедельник.",
        "Блок упал в понедельник в области [Улытау](GPE).",
        True,
    ),
    (
        "two-towns-one-hyphenated",
        "The line was cut by shelling near [Marhanets](GPE).",
        "Линию повредил удар в районе [Каменки-Днепровской](GPE).",
        True,
    ),
    (
        "sokhumi-and-sukhum-by-the-lexicon",
        "The de facto government in [Sokhumi](PERSON) said the equipment would be sold.",
        "В правительстве в [Сухуме](GPE) заявили, что оборудование продадут.",
        True,
    ),
    (
        "a-region-the-entity-stage-took-for-a-group",
        "Russia fired three missiles from [Belgorod](NORP) region.",
        "По городу выпустили две ракеты из [Курской области](GPE).",
        True,
    ),
    (
        "a-state-adjective-before-region-is-no-place",
        "Drones were shot down over three [Russian](NORP) regions.",
        "Беспилотники сбили над [Курской областью](GPE).",
        False,
    ),
    (
        "a-place-named-inside-the-other-sides-body",
        "He was detained at [Chisinau](GPE) airport, a deputy of [Gagauzia](GPE), after a flight from [Istanbul](GPE).",
        "Депутата [Народного собрания Гагаузии](ORG) задержали в [Кишинёве](GPE) после рейса из [Антальи](GPE).",
        True,
    ),
    (
        "a-lexicon-place-labelled-an-organisation-is-a-place",
        "The tanker was sailing from [Makhachkala](GPE) to [Turkmenbashi](ORG).",
        "Танкер шёл из [Астрахани](GPE) в порт [Туркменбаши](GPE).",
        True,
    ),
    (
        "both-names-of-a-renamed-town-against-one",
        "[Berestyn](GPE), called [Krasnohrad](GPE) until 2024, lies 90 kilometres from [Kharkiv](GPE).",
        "[Красноград](GPE) расположен в 90 километрах от [Харькова](GPE).",
        False,
    ),
    (
        "the-new-name-against-the-old",
        "The plant in [Berestyn](GPE) was hit.",
        "Удар нанесли по складу в [Краснограде](GPE).",
        True,
    ),
    (
        "a-village-against-a-kishlak-beside-a-region",
        "A mudflow swept through the village of [Basid](GPE) in the [Bartang](GPE) valley of [Gorno-Badakhshan](GPE).",
        "В субботу сель сошёл на кишлак [Рошорв](PERSON) в долине [Бартанга](GPE).",
        True,
    ),
    (
        "a-village-against-near-a-town",
        "Balloons came down near the village of [Naujene](GPE), east of [Daugavpils](GPE), early on Tuesday.",
        "На линию электропередачи под [Резекне](GPE) упали метеозонды.",
        True,
    ),
    (
        "one-village-in-two-scripts",
        "Balloons came down near the village of [Naujene](GPE), east of [Daugavpils](GPE), early on Tuesday.",
        "Шары упали на линию у деревни [Науйене](GPE), к востоку от [Даугавпилса](GPE).",
        False,
    ),
    (
        "a-village-against-a-village-in-one-gorge",
        "A man was detained in the village of [Duisi](GPE), in [Georgia](GPE)'s [Pankisi Gorge](PERSON), on Monday.",
        "В селе [Джоколо](GPE) в [Панкисском ущелье](GPE) [Грузии](GPE) задержан мужчина.",
        True,
    ),
    (
        "a-crossing-the-entity-stage-took-for-a-body",
        "He returned to [Georgia](GPE) through the [Lagodekhi](ORG) crossing on the border with [Azerbaijan](GPE).",
        "В [Грузию](GPE) он вернулся через КПП «[Верхний Ларс](GPE)» на российско-грузинской границе.",
        True,
    ),
    (
        "a-harbour-the-entity-stage-took-for-a-body",
        "The yacht had set out from the harbour in [Tolkmicko](ORG) that morning.",
        "Яхта вышла утром из польского порта [Фромборк](GPE).",
        True,
    ),
    (
        "a-lagoon-no-entity-names",
        "A Russian border patrol boat stopped a Polish sailing yacht on the Vistula Lagoon on Monday afternoon.",
        "В воскресенье днём пограничный катер остановил польскую парусную яхту в Калининградском заливе.",
        True,
    ),
    (
        "a-province-labelled-a-body-stays-out",
        "A drone crashed outside [Tigranashen](GPE), a village in [Armenia](GPE)'s [Ararat](ORG) province.",
        "Беспилотник упал в районе села [Кярки](GPE), сообщили в [Министерстве обороны Азербайджана](ORG).",
        True,
    ),
    (
        "a-place-one-side-omits-beside-a-village",
        "Residents of the village of [Naujene](GPE) were left without electricity.",
        "Жители деревни [Науйене](GPE) под [Даугавпилсом](GPE) остались без света.",
        False,
    ),
    (
        "a-road-one-side-names-beside-the-village",
        "The road was closed after an avalanche came down near [Gudauri](GPE) on Monday.",
        "[Военно-Грузинская дорога](GPE) была закрыта после того, как у села [Коби](GPE) сошла лавина.",
        True,
    ),
    (
        "a-river-with-its-word-before-it",
        "Border guards seized a boat on the [Narva](GPE) river on Saturday.",
        "Пограничники задержали на реке [Нарова](GPE) лодку.",
        True,
    ),
    (
        "a-gazetteer-town-that-is-also-a-word",
        "Fire engines from [Rîbnița](GPE) reached the site in about 40 minutes.",
        "Пожарные машины из [Каменки](GPE) прибыли на место примерно через 40 минут.",
        True,
    ),
    (
        "a-country-one-side-names-beside-the-town",
        "The fire started near the Russian town of [Petukhovo](GPE), the ministry said.",
        "Возгорание началось на территории [Казахстана](GPE) под [Мамлюткой](GPE).",
        True,
    ),
    (
        "a-republic-one-side-names-beside-the-district",
        "The boat was in Georgian waters off the [Zugdidi](GPE) municipality.",
        "Шхуна находилась в водах [Республики Абхазия](GPE) у побережья [Гальского района](GPE).",
        True,
    ),
    (
        "a-country-both-sides-name-beside-one-town",
        "The fire started near [Petukhovo](GPE) in [Russia](GPE)'s [Kurgan](GPE) region, not in [Kazakhstan](GPE).",
        "Возгорание началось под [Петуховом](GPE), а не в [Казахстане](GPE).",
        False,
    ),
    (
        "a-village-named-by-a-word-after-its-kind",
        "The fire reached the pine woods south of [Nida](GPE) on Tuesday.",
        "Пожар на [Куршской косе](LOC) дошёл до посёлка [Морское](GPE).",
        True,
    ),
    (
        "a-district-labelled-a-body",
        "Water spread over farmland in [Kazakhstan](GPE)'s [Baizak](ORG) district.",
        "Вода затопила посевы в [Жамбылском районе](GPE).",
        True,
    ),
    (
        "a-village-against-a-town-no-entity-names",
        "A helicopter flew near the village of [Białowieża](GPE), [Poland](GPE)'s [Operational Command](ORG) said.",
        "Вертолёт выполнял учебный полёт у Каменца, сообщили в [Министерстве обороны](ORG).",
        True,
    ),
    (
        "a-country-that-owns-a-person-is-a-place",
        "[Poland](GPE)'s foreign ministry summoned [Belarus](GPE)'s envoy in [Warsaw](GPE).",
        "Временного поверенного в делах [Беларуси](GPE) вызвали в [МИД Польши](ORG).",
        False,
    ),
    (
        "a-town-in-a-vessels-name-is-none",
        "The tanker sailed from [Makhachkala](GPE) on Thursday.",
        "Танкер «Тарки 14» шёл из [Астрахани](GPE) в четверг.",
        True,
    ),
    (
        "sokhumi-and-sukhumi",
        "The de facto government in [Sokhumi](PERSON) said the equipment would be sold.",
        "В правительстве в [Сухуми](GPE) заявили, что оборудование продадут.",
        False,
    ),
    (
        "a-village-the-entity-stage-took-for-a-body",
        "The fire started near the Russian town of [Petukhovo](ORG), the ministry said.",
        "Возгорание началось на территории [Казахстана](GPE) под [Мамлюткой](GPE).",
        True,
    ),
    (
        "a-village-whose-name-recalls-a-state",
        "Wreckage fell near the village of [Ruska Poliana](ORG), damaging two houses.",
        "Обломки упали у села [Будище](GPE), повреждены два дома.",
        True,
    ),
    (
        "a-town-the-entity-stage-took-for-a-body",
        "The hikers were taken to [Nalchik](ORG), the service said.",
        "Задержанные доставлены в [Тырныауз](GPE).",
        True,
    ),
    (
        "a-town-the-entity-stage-took-for-a-product",
        "Explosions were heard across the bay in [Taganrog](PRODUCT), residents wrote.",
        "Взрывы были слышны и в [Приморско-Ахтарске](GPE), рассказали жители.",
        True,
    ),
    (
        "a-town-the-entity-stage-took-for-a-group",
        "The farmer was taken to hospital in [Noyemberyan](NORP) with bruises.",
        "Фермера доставили в больницу [Иджевана](GPE).",
        True,
    ),
    (
        "a-russian-town-the-entity-stage-took-for-a-person",
        "Workers at [Lesogorsky](GPE) were the first to notice the slick.",
        "Пятно первыми заметили энергетики у [Светогорска](PERSON).",
        True,
    ),
    (
        "a-district-named-only-as-a-towns-container",
        "The injured were taken to hospital in [Gulcha](GPE), the centre of [Alay](GPE) district.",
        "Пострадавших доставили в районную больницу [Мургаба](GPE).",
        True,
    ),
    (
        "a-region-named-only-as-a-districts-owner",
        "It started near the village of [Kaalamo](GPE) in [Karelia](GPE)'s [Sortavala](GPE) district.",
        "Возгорание возникло в окрестностях [Рускеалы](GPE), в [Сортавальском районе](LOC).",
        True,
    ),
    (
        "a-container-the-other-side-names-is-no-container",
        "The clash broke out in [Fergana](GPE) region on Monday.",
        "Столкновение произошло в [Сохском районе](LOC) [Ферганской области](LOC).",
        False,
    ),
    (
        "a-town-against-a-district-of-another-country",
        "A fisherman was seized on the Nemunas near [Rusnė](GPE) on Monday.",
        "На реке Неман в [Славском районе](LOC) задержан гражданин Литвы.",
        True,
    ),
    (
        "a-town-against-a-district-of-its-own-country",
        "A drone hit a farm outside [Pavlohrad](GPE) on Monday.",
        "Ещё одна цель была поражена в [Синельниковском районе](LOC).",
        False,
    ),
    (
        "a-crossing-without-guillemets",
        "He was handed back at the [Terehova](ORG) crossing on Tuesday.",
        "Его передали через пункт пропуска Бурачки во вторник.",
        True,
    ),
    (
        "a-province-against-an-aimag",
        "The plant is being built in [Bulgan](GPE) province.",
        "ГЭС строят в [Хубсугульском аймаке](GPE).",
        True,
    ),
    (
        "an-island-named-after-its-word",
        "The boat was fishing off [Heixiazi Island](LOC) on Monday.",
        "Судно вело промысел у острова [Большой Уссурийский](LOC).",
        True,
    ),
    (
        "a-river-against-a-floodplain",
        "The flames crossed the border along the [Brahinka](LOC) river.",
        "Огонь перешёл границу в пойме [Припяти](LOC).",
        True,
    ),
    (
        "a-village-no-list-knows-after-a-preposition",
        "The centre said its station at [Adutiškis](ORG) recorded a rise.",
        "Литовская станция мониторинга в [Пабраде](GPE) зафиксировала рост фона.",
        True,
    ),
    (
        "a-word-of-the-dictionary-after-a-preposition",
        "The crew were taken to [Posyet](NORP) for questioning.",
        "Экипаж доставлен в Славянку для разбирательства.",
        True,
    ),
    (
        "an-abbreviation-after-a-preposition-is-no-place",
        "The rescue service called it the worst fire in [South Karelia](GPE) in decades.",
        "В МЧС назвали пожар локальным низовым возгоранием.",
        False,
    ),
    (
        "a-body-after-a-preposition-is-no-place",
        "The line was cut by shelling near [Marhanets](GPE).",
        "Линию повредил удар беспилотника, сообщили в [Министерстве энергетики](ORG).",
        False,
    ),
    (
        "the-land-across-a-border-holds-no-place",
        "The herder lives in [Tarialan](LOC) soum, some 90 kilometres from the Russian border.",
        "Мужчина живёт в сомоне [Сагил](GPE), в 12 километрах от границы с [Тувой](GPE).",
        True,
    ),
    (
        "a-kozhuun-is-a-district",
        "Epidemiologists were sent to [Tuva](GPE)'s [Mongun-Taiga](GPE) district.",
        "В [Овюрский](LOC) кожуун направлена группа эпидемиологов.",
        True,
    ),
    (
        "a-letter-unicode-keeps-whole",
        "The vessel was escorted to Tromsø on Monday.",
        "Траулер отконвоировали в [Хаммерфест](GPE) в понедельник.",
        True,
    ),
]


# a sentence, a name in it, the word beside it that says what kind of place it names
KINDS_BESIDE = [
    ("a-word-after", "5 kilometres south of the Medininkai crossing.", "Medininkai", "crossing"),
    ("a-border-crossing", "near the Sarpi border crossing on Sunday", "Sarpi", "crossing"),
    ("a-border-station", "stopped a train at the Kybartai border station", "Kybartai", "station"),
    ("a-genitive-before", "южнее пункта пропуска «Каменный Лог».", "Каменный Лог", "пропуска"),
    ("a-village-before", "упал в районе села Кярки, сообщили", "Кярки", "села"),
    ("village-of", "shells landed near the village of Norabak", "Norabak", "village of"),
    ("a-person", "said Garegin Avetisyan, who owns the vineyard", "Garegin Avetisyan", None),
    ("harbour-in", "had set out from the harbour in Tolkmicko that morning", "Tolkmicko", "harbour in"),
    ("a-kishlak-before", "сель сошёл на кишлак Рошорв в долине", "Рошорв", "кишлак"),
    ("its-own-last-word", "in Georgia's Pankisi Gorge, on Monday", "Pankisi Gorge", "Gorge"),
    ("a-body-of-one-word", "the Ministry of Culture said", "Ministry of Culture", None),
    ("a-word-that-only-starts-like-one", "премию рекордного Ивана", "Ивана", None),
]


# a sentence, the places a word of their kind introduces in it
KIND_NAMED = [
    ("village-of", "A mudflow swept through the village of Basid in the Bartang valley.", ["Basid"]),
    ("the-village-after-a-name", "The boat stopped off Fangchuan, the village where the river ends.", ["Fangchuan"]),
    ("the-x-crossing", "He returned through the Lagodekhi crossing on the border.", ["Lagodekhi"]),
    ("harbour-in", "The yacht had set out from the harbour in Tolkmicko that morning.", ["Tolkmicko"]),
    ("a-lagoon-keeps-its-word", "A boat stopped a yacht on the Vistula Lagoon on Monday.", ["Vistula Lagoon"]),
    ("selo", "В воскресенье в селе Джоколо в Панкисском ущелье задержан мужчина.", ["Джоколо", "Панкисском ущелье"]),
    ("kishlak", "В субботу сель сошёл на кишлак Рошорв в долине Бартанга.", ["Рошорв"]),
    ("pod-a-town", "На линию электропередачи под Резекне упали метеозонды.", ["Резекне"]),
    ("a-port", "Яхта вышла утром из польского порта Фромборк.", ["Фромборк"]),
    ("kpp", "Он вернулся через КПП «Верхний Ларс» на границе.", ["Верхний Ларс"]),
    ("a-bay", "Катер остановил яхту в Калининградском заливе.", ["Калининградском заливе"]),
    ("pod-a-lower-case-word", "Он оказался под следствием в понедельник.", []),
    ("near-a-station", "Поезд остановился около Агбенда на рассвете.", ["Агбенда"]),
    ("near-a-lower-case-word", "Около двух тысяч человек вышли на улицы.", []),
    ("a-village-not-named", "Residents of the village said the water rose overnight.", []),
    ("a-crossing-not-named", "The crossing reopened on Tuesday morning.", []),
    (
        "a-village-in-apposition",
        "A drone crashed outside Tigranashen, a village in Ararat province.",
        ["Tigranashen", "Ararat"],
    ),
    ("a-border-crossing", "The boat was held near the Sarpi border crossing on Sunday.", ["Sarpi"]),
    ("a-peninsula-keeps-its-word", "Officers boarded the tanker off the Sõrve peninsula.", ["Sõrve peninsula"]),
    ("a-district", "Fish died on the Irtysh in the Cherlak district of Russia's Omsk region.", ["Cherlak", "Omsk"]),
    ("a-municipality-after-an-owner", "All of them live in Racha's Oni municipality.", ["Oni"]),
    ("a-states-adjective-is-no-district", "Shells fell in the Russian region of Belgorod.", []),
    ("stanitsa", "В станице Камышеватской повреждены крыши двух домов.", ["Камышеватской"]),
    ("khutor", "Снаряд упал у хутора Весёлый.", ["Весёлый"]),
    ("gorod", "Шостка расположена недалеко от города Дружба.", ["Дружба"]),
    ("gorod-a-hyphenated-name", "Жители города Ивано-Франковска вышли на улицы.", ["Ивано-Франковска"]),
    ("gorod-before-a-persons-name", "Мэр города Олег Клименко заявил о новых ограничениях.", []),
]


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in KIND_NAMED], ids=[c[0] for c in KIND_NAMED])
def test_find_kind_named_finds_names_a_word_of_their_kind_introduces(text: str, names: list[str]) -> None:
    assert find_kind_named(text) == names


def test_find_kind_named_settlements_leaves_out_other_kinds() -> None:
    text = "В селе Джоколо в Панкисском ущелье задержан мужчина, он вернулся через КПП «Верхний Ларс»."
    assert find_kind_named(text, settlements=True) == ["Джоколо"]


@pytest.mark.parametrize(("text", "name", "kind"), [c[1:] for c in KINDS_BESIDE], ids=[c[0] for c in KINDS_BESIDE])
def test_kind_beside_finds_the_word_that_makes_a_name_a_place(text: str, name: str, kind: str | None) -> None:
    assert kind_beside(text, name) == kind


@pytest.mark.parametrize(("english", "russian", "differs"), [c[1:] for c in CLAIMS], ids=[c[0] for c in CLAIMS])
def test_a_place_named_differently_is_a_place_name_difference(english: str, russian: str, differs: bool) -> None:
    units = [_marked(english, "en"), _marked(russian, "ru", 1)]
    kinds = {difference.kind for difference in find_differences(units, lambda a, b: 0.0)}
    assert ("place-name" in kinds) is differs


# a written word, a nominative it may be a form of
NOMINATIVES = [
    ("itself", "Торез", "торез"),
    ("locative-of-a-masculine-noun", "Торезе", "торез"),
    ("genitive-after-a-hushing-letter", "Богдановки", "богдановка"),
    ("plural-instrumental", "Бендерами", "бендеры"),
    ("plural-locative", "Дубоссарах", "дубоссары"),
    ("neuter-adjective-genitive", "Кировского", "кировское"),
    ("masculine-adjective-genitive", "Красного", "красный"),
    ("a-dropped-e-before-ts", "Каменца", "каменец"),
    ("a-dropped-o-before-k", "Городка", "городок"),
    ("a-final-i-after-a-vowel", "Китае", "китай"),
    ("genitive-of-a-noun-in-ya-after-a-vowel", "Пиедруи", "пиедруя"),
    ("locative-of-a-noun-in-ya-after-a-vowel", "Друе", "друя"),
    ("latin-is-itself", "Tighina", "tighina"),
]


@pytest.mark.parametrize(("word", "nominative"), [c[1:] for c in NOMINATIVES], ids=[c[0] for c in NOMINATIVES])
def test_nominatives_reads_cases_plurals_and_adjectives(word: str, nominative: str) -> None:
    assert nominative in nominatives(word)


# marked English sentence, marked Russian sentence, whether a place-name difference is found
EXONYMS = [
    ("the-russian-exonym-of-kyiv", "They blamed [Kyiv](GPE).", "Они обвинили [Киев](GPE).", False),
    ("the-russian-exonym-of-kiev", "They blamed [Kiev](GPE).", "Они обвинили [Киев](GPE).", False),
    ("the-ukrainian-name-in-russian", "They blamed [Kiev](GPE).", "Они обвинили [Кийив](GPE).", True),
]


@pytest.mark.parametrize(("english", "russian", "differs"), [c[1:] for c in EXONYMS], ids=[c[0] for c in EXONYMS])
def test_a_conventional_exonym_is_no_variant_chosen(english: str, russian: str, differs: bool) -> None:
    units = [_marked(english, "en"), _marked(russian, "ru", 1)]
    kinds = {difference.kind for difference in find_differences(units, lambda a, b: 0.0)}
    assert ("place-name" in kinds) is differs


def test_two_english_names_of_one_capital_still_differ() -> None:
    units = [_marked("They blamed [Kyiv](GPE).", "en"), _marked("They blamed [Kiev](GPE).", "en", 1)]
    assert "place-name" in {difference.kind for difference in find_differences(units, lambda a, b: 0.0)}


# a written place name, whether it names a country
COUNTRIES = [
    ("geonames-english", "Kazakhstan", True),
    ("geonames-in-russian-genitive", "Казахстана", True),
    ("a-feminine-in-soft-sign", "Беларуси", True),
    ("a-name-of-the-table", "Польши", True),
    ("a-republic", "Республики Абхазия", True),
    ("a-town", "Мамлюткой", False),
    ("a-border-is-no-country", "Kazakhstan-Russia border", False),
    ("a-name-in-i-is-no-soft-sign", "Цхинвали", False),
]


@pytest.mark.parametrize(("name", "country"), [c[1:] for c in COUNTRIES], ids=[c[0] for c in COUNTRIES])
def test_is_country_name_reads_either_script(name: str, country: bool) -> None:
    assert is_country_name(name) is country


# a sentence, the town names GeoNames knows in it
TOWNS = [
    ("u-a-town", "Вертолёт выполнял учебный полёт у Каменца, не пересекая границу.", ["Каменца"]),
    ("an-airfield-and-pod", "Экипаж поднялся с аэродрома Мачулищи и вернулся под Лидой.", ["Мачулищи", "Лидой"]),
    ("a-town-at-a-sentences-start", "Лида встретила гостей.", ["Лида"]),
    ("a-first-name-beside-a-surname", "Серик Ахметов заявил об этом журналистам.", []),
    ("a-dictionary-word-at-the-start", "Победа близка, сказал он.", []),
    ("a-dictionary-word-capitalised-inside", "Пожарные машины из Каменки прибыли на место.", ["Каменки"]),
    ("a-vessels-name", "Танкер «Тарки 14» шёл в порт.", []),
    ("english-near-a-town", "The oil entered the river near Astravyets, the agency said.", ["Astravyets"]),
    ("english-a-month-is-no-town", "The talks began in March in Minsk.", ["Minsk"]),
    ("english-a-name-with-no-preposition", "Astravyets lies on the border.", []),
    ("english-taken-to-a-town", "The hikers were taken to Nalchik on Monday.", ["Nalchik"]),
    ("english-a-name-with-a-diacritic", "About 80 trucks turned back to Ölgii on Monday.", ["Ölgii"]),
]


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in TOWNS], ids=[c[0] for c in TOWNS])
def test_find_towns_finds_the_names_of_towns_geonames_knows(text: str, names: list[str]) -> None:
    assert find_towns(text) == names


# a sentence, a name in it, whether a locative preposition puts the name in a place
LOCATIVES = [
    ("at-a-station", "Residents gathered on the platform at Aghband to watch.", "Aghband", True),
    ("in-a-town", "The de facto government in Sokhumi said so.", "Sokhumi", True),
    ("at-a-sentences-start", "In Sokhumi, the de facto government said so.", "Sokhumi", True),
    ("a-possessive", "The plan was drafted in Aliyev's office.", "Aliyev", False),
    ("a-call-from-a-person", "The call from Aliyev came on Monday.", "Aliyev", False),
    ("near-in-russian", "Поезд остановился около Агбенда на рассвете.", "Агбенда", True),
    ("u-is-also-a-persons", "У Пашиняна нет комментариев.", "Пашиняна", False),
    ("not-in-the-sentence", "The call came on Monday.", "Aliyev", False),
]


@pytest.mark.parametrize(("text", "name", "placed"), [c[1:] for c in LOCATIVES], ids=[c[0] for c in LOCATIVES])
def test_follows_a_locative_puts_a_name_after_in_or_near_in_a_place(text: str, name: str, placed: bool) -> None:
    assert follows_a_locative(text, name) is placed


@pytest.mark.parametrize(
    ("english", "differs"),
    [
        ("The boat was stopped near the town of [Narva-Jõesuu](GPE).", True),
        ("The boat was stopped near [Ivangorod](GPE).", False),
    ],
    ids=["two-towns", "one-town"],
)
def test_places_differ_says_whether_two_units_name_their_place_differently(english: str, differs: bool) -> None:
    russian = _marked("Лодку остановили у [Ивангорода](GPE).", "ru", 1)
    assert places_differ(_marked(english, "en"), russian) is differs


@pytest.mark.parametrize(
    ("english", "russian", "differs"),
    [
        ("Fourteen lorries were caught under the snow.", "Под снегом оказались шесть грузовиков.", True),
        ("Six lorries were caught under the snow.", "Под снегом оказались шесть грузовиков.", False),
    ],
    ids=["two-counts", "one-count"],
)
def test_facts_differ_reads_numbers_too(english: str, russian: str, differs: bool) -> None:
    assert facts_differ(_marked(english, "en"), _marked(russian, "ru", 1)) is differs


def test_a_name_that_opens_an_introduced_name_is_introduced() -> None:
    # «у села Колбасна Рыбницкого района»: the word of a village introduces «Колбасна Рыбницкого»,
    # and «Колбасна», a word of the dictionary, is the village's name.
    english = [("Cobasna", None), ("Transnistrian region", None)]
    russian = [("Колбасна", None), ("Рыбницкого района", None)]
    unmatched = place_names_differ(english, russian, introduced=["Колбасна Рыбницкого"])
    assert unmatched == (["Cobasna", "Transnistrian region"], ["Колбасна", "Рыбницкого района"])


def test_a_person_label_after_a_locative_is_a_place() -> None:
    english = _marked("Workers gathered at [Aghband](PERSON) on Monday.", "en")
    russian = _marked("Рабочие собрались в [Горадизе](GPE) в понедельник.", "ru", 1)
    kinds = {difference.kind for difference in find_differences([english, russian], lambda a, b: 0.0)}
    assert "place-name" in kinds
    assert "actor" not in kinds


# a written place name, the countries GeoNames has a town of it in (a subset where several)
COUNTRIES_OF = [
    ("a-latin-name-with-a-diacritic", "Rusnė", {"LT"}),
    ("a-district-by-its-towns-adjective", "Славском районе", {"RU"}),
    ("a-region-by-its-towns-adjective-in-in", "Кызылординской области", {"KZ"}),
    ("a-russian-name-geonames-has-in-latin-only", "Амбролаурского муниципалитета", {"GE"}),
    ("a-plurals-genitive", "Черкасс", {"UA"}),
    ("an-english-district", "Kegen district", {"KZ"}),
    ("a-name-geonames-does-not-know", "Svanvik", set()),
]


@pytest.mark.parametrize(("name", "countries"), [c[1:] for c in COUNTRIES_OF], ids=[c[0] for c in COUNTRIES_OF])
def test_place_countries_reads_geonames_towns_in_either_script(name: str, countries: set[str]) -> None:
    found = place_countries(name)
    assert countries <= found
    assert bool(found) is bool(countries)


def test_places_differ_parts_no_two_levels_by_country() -> None:
    # The last alignment pass reads `places_differ`: a sentence that merely shares a stretch names
    # a region of another country often, so there a town and a region of two countries do not differ.
    english = _marked("Another drone came down in a field near [Sarny](GPE).", "en")
    russian = _marked("Удар нанесён по объектам в [Курской области](LOC).", "ru", 1)
    assert not places_differ(english, russian)
    kinds = {difference.kind for difference in find_differences([english, russian], lambda a, b: 0.0)}
    assert "place-name" in kinds
