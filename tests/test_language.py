"""The language of an article (lintnews.language), for TR014 and for gating English-only rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews import language
from lintnews.document import Document
from lintnews.language import (
    DEFAULT_SOURCE_LANGUAGES,
    applies,
    article_language,
    code_ranges,
    count_in,
    english_words,
    foreign_words,
    has_other_script,
    identify,
    ideographs,
    language_name,
    normalized,
    other_words,
    skipped_note,
)
from lintnews.loader import document_from_text, read_document
from lintnews.rule import BackendError

ROOT = Path(__file__).resolve().parents[1]
CLEAN_NEWS = sorted((ROOT / "tests" / "fixtures" / "clean_news").iterdir())
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
LANGUAGES = normalized(DEFAULT_SOURCE_LANGUAGES)

FRENCH = """Le Kazakhstan sous le choc après une semaine d'émeutes

Le président kazakh Kassym-Jomart Tokaïev a autorisé vendredi les forces de l'ordre
à tirer sans sommation sur les manifestants, qu'il a qualifiés de « bandits » et de
« terroristes ». Selon le ministère de l'Intérieur, 26 personnes ont été tuées et plus
de 3 800 arrêtées depuis le début des troubles, déclenchés le 2 janvier par la hausse
du prix du gaz liquéfié dans l'ouest du pays.

Les troupes de l'Organisation du traité de sécurité collective, une alliance militaire
dominée par Moscou, sont arrivées jeudi à Almaty pour protéger les bâtiments publics.
"""

RUSSIAN = """Токаев разрешил силовикам открывать огонь без предупреждения

Президент Казахстана Касым-Жомарт Токаев в пятницу заявил, что конституционный порядок
в стране в основном восстановлен. По данным МВД, в ходе беспорядков погибли 26 человек,
ещё более трёх тысяч задержаны. Протесты начались 2 января в Жанаозене после резкого
повышения цен на сжиженный газ и быстро распространились на другие города, в том числе
на Алматы, где протестующие захватили здание городской администрации и аэропорт.
"""

GERMAN = """Der kasachische Präsident Kassym-Schomart Tokajew hat den Sicherheitskräften
erlaubt, ohne Vorwarnung auf Demonstranten zu schießen. Nach Angaben des
Innenministeriums wurden bei den Unruhen 26 Menschen getötet und mehr als 3800
festgenommen. Die Proteste hatten sich am 2. Januar an einer drastischen Erhöhung der
Gaspreise entzündet und sich rasch auf andere Städte ausgeweitet, darunter auch auf die
Millionenstadt Almaty, wo Demonstranten das Rathaus in Brand setzten.
"""

SPANISH = """El presidente de Kazajistán, Kassym-Jomart Tokáyev, ordenó este viernes a las
fuerzas de seguridad disparar sin previo aviso contra los manifestantes, a los que calificó
de bandidos y terroristas. Según el Ministerio del Interior, al menos 26 personas murieron
durante los disturbios y más de 3.000 fueron detenidas. Las protestas comenzaron el 2 de
enero en el oeste del país tras la subida del precio del gas licuado.
"""

CHINESE = """哈萨克斯坦总统托卡耶夫7日发表电视讲话表示，国内宪法秩序已基本恢复。
据哈内务部消息，骚乱中已有26人死亡，3000多人被拘留。抗议活动于1月2日在西部城市扎瑙津开始，
起因是液化气价格大幅上涨，随后迅速蔓延至阿拉木图等其他城市。集体安全条约组织派遣的维和部队已抵达阿拉木图，
负责保护政府大楼和其他重要设施。"""

# English of a results page: names, numbers and few function words.
RESULTS = """Men's singles, second round: Alexander Bublik (Kazakhstan) d. Hubert Hurkacz
(Poland) 6-4, 7-6 (3); Andrey Rublev (Russia) d. Lorenzo Sonego (Italy) 6-2, 6-3;
Alexander Zverev (Germany) d. Nicolas Jarry (Chile) 7-5, 6-7 (4), 6-1; Felix
Auger-Aliassime (Canada) d. Pablo Carreno Busta (Spain) 6-3, 3-6, 7-6 (5); Casper Ruud
(Norway) d. Aslan Karatsev (Russia) 6-1, 6-4. Women's singles, quarterfinals: Elena
Rybakina (Kazakhstan) d. Ons Jabeur (Tunisia) 6-3, 6-4; Iga Swiatek (Poland) d. Karolina
Pliskova (Czech Republic) 6-2, 6-1.
"""


@pytest.fixture
def no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the language detector is asked anything."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the detector was called")

    monkeypatch.setattr(language, "identify", refuse)


@pytest.mark.parametrize("path", CLEAN_NEWS + SEEDS, ids=lambda path: path.name)
def test_english_news_is_english_without_the_detector(path: Path, no_detector: None) -> None:
    assert article_language(read_document(path)) == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(FRENCH, "fr", id="french"),
        pytest.param(RUSSIAN, "ru", id="russian"),
        pytest.param(GERMAN, "de", id="german"),
        pytest.param(SPANISH, "es", id="spanish"),
        pytest.param(CHINESE, "zh", id="chinese"),
    ],
)
def test_articles_in_other_languages(text: str, expected: str) -> None:
    assert article_language(Document(text)) == expected


def test_english_with_few_function_words_goes_to_the_detector() -> None:
    assert article_language(Document(RESULTS)) == "en"


def test_english_article_with_a_french_paragraph_stays_english(no_detector: None) -> None:
    article = (ROOT / "tests" / "fixtures" / "clean_news" / "ap_almaty_unrest.txt").read_text()
    assert article_language(Document(f"{article}\n{FRENCH}")) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kazakhstan leader authorizes troops to shoot without warning",
        "Les manifestants ont pris d'assaut la mairie d'Almaty mercredi soir.",
        "Токаев разрешил силовикам открывать огонь без предупреждения.",
        "哈萨克斯坦总统托卡耶夫发表讲话。",
        "   \n\n  ",
    ],
)
def test_short_texts_have_no_language(text: str) -> None:
    assert article_language(Document(text)) is None


def test_only_prose_counts() -> None:
    # The French is in a code block: the prose is too short to tell.
    text = f"A note on the unrest.\n\n```\n{FRENCH}\n```\n"
    assert article_language(document_from_text(text, "note.md", "markdown")) is None


def test_computed_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = language.identify

    def counting(text: str, languages: tuple[str, ...] = LANGUAGES) -> language.Guess | None:
        calls.append(text)
        return real(text, languages)

    monkeypatch.setattr(language, "identify", counting)
    doc = Document(FRENCH)
    assert article_language(doc) == article_language(doc) == "fr"
    assert len(calls) == 1


def test_restricted_to_the_configured_languages() -> None:
    doc = Document(FRENCH)
    assert article_language(doc, ["ru", "de"]) in {None, "en", "ru", "de"}
    assert article_language(doc, ["fr"]) == "fr"


def test_normalized_codes_always_include_english() -> None:
    assert normalized(["FR", "ru", "fr"]) == ("en", "fr", "ru")
    assert normalized([]) == ("en",)
    assert LANGUAGES == ("ar", "de", "en", "es", "fr", "it", "pt", "ru", "tr", "uk", "zh")


def test_identify() -> None:
    sentence = "Selon le ministère de l'Intérieur, 26 personnes ont été tuées."
    guess = identify(sentence, ["fr", "de"])
    assert guess is not None and guess.language == "fr" and guess.confidence > 0.9
    assert identify(sentence, ["en"]) is None


def test_identify_rejects_an_unknown_code() -> None:
    with pytest.raises(BackendError, match="'xx' is not a language"):
        identify("Selon le ministère de l'Intérieur.", ["fr", "xx"])


def test_language_names() -> None:
    assert language_name("fr") == "French"
    assert language_name("uk") == "Ukrainian"
    assert language_name("sv") == "Swedish"  # not in the data file: lingua names it
    assert language_name("xx") == "xx"


def test_function_words_ignore_names_but_not_a_sentence_start() -> None:
    foreign = foreign_words(LANGUAGES)
    names = "Both Le Monde and Der Spiegel ran it in São Paulo"
    assert count_in(names.split(), foreign) == 0
    assert count_in(["Les", "manifestants", "ont", "pris", "la", "mairie"], foreign) == 3
    english = "The president said that the army was ready"
    assert count_in(english.split(), english_words()) == 5


def test_word_lists_do_not_overlap() -> None:
    assert not foreign_words(LANGUAGES) & english_words()
    assert {"le", "der", "el", "il", "não", "ve"} <= foreign_words(LANGUAGES)
    assert "von" in foreign_words(("de",)) and "von" not in foreign_words(("fr",))


def test_other_words_leave_out_the_article_language_own() -> None:
    # "que" is French, Spanish and Portuguese: in a French article it is no sign.
    assert "que" in other_words("en", LANGUAGES)
    assert "que" not in other_words("fr", LANGUAGES)
    assert {"el", "the", "der"} <= other_words("fr", LANGUAGES)
    assert "що" in other_words("ru", LANGUAGES) and "в" not in other_words("ru", LANGUAGES)


def test_scripts_and_ideographs() -> None:
    assert not has_other_script("Kazakhstan’s president — “bandits”, 3 800 €")
    assert not has_other_script("Nguyễn Phú Trọng met Recep Tayyip Erdoğan in Hà Nội")
    assert has_other_script("Tokayev’s Amanat (Аманат) party")
    assert has_other_script("哈萨克斯坦")
    assert ideographs("哈萨克斯坦总统 met Xi") == 7
    assert ideographs("plain ASCII") == 0


@pytest.mark.parametrize(
    ("rule_languages", "article", "runs"),
    [
        (None, "fr", True),
        (frozenset({"en"}), "en", True),
        (frozenset({"en"}), None, True),
        (frozenset({"en"}), "fr", False),
        (frozenset({"en", "fr"}), "fr", True),
    ],
)
def test_applies(rule_languages: frozenset[str] | None, article: str | None, runs: bool) -> None:
    assert applies(rule_languages, article) is runs


def test_skipped_note_names_the_language_and_the_rules() -> None:
    codes = ["TR002", "TR001", "NM001", *(f"TR{n:03}" for n in range(3, 14))]
    assert skipped_note("fr", codes) == (
        "article in French: 14 rules for other languages not run (NM001, TR001–TR013)"
    )
    assert skipped_note("ru", ["NM001"]) == (
        "article in Russian: 1 rule for other languages not run (NM001)"
    )


def test_code_ranges() -> None:
    assert code_ranges(["AC002", "NM001", "NM002", "NM004", "TR009", "TR010"]) == (
        "AC002, NM001–NM002, NM004, TR009–TR010"
    )
    assert code_ranges([]) == ""
