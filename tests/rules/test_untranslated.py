"""TR014: a sentence left in the language the article was translated from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews import lint_text
from lintnews.diagnostics import Span
from lintnews.document import Document
from lintnews.loader import read_document
from lintnews.registry import Registry
from lintnews.results import RunOptions
from lintnews.rule import BackendError
from lintnews.rules import translation
from lintnews.rules.translation import UntranslatedSentence
from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parents[2]
CLEAN_NEWS = ROOT / "tests" / "fixtures" / "clean_news"
ARTICLE = (CLEAN_NEWS / "ap_almaty_unrest.txt").read_text(encoding="utf-8")
# The sentence of the article after which text is injected, mid-paragraph.
ANCHOR = "Eighteen police officers and National Guard members also died, officials said."

# Sentences of French, Russian, German, Spanish, Ukrainian and Italian news
# copy on the Kazakhstan unrest of January 2022 (wire reports, Tokayev's
# order of 7 January to fire without warning), left in the original the way
# translation pipelines leave them behind.
UNTRANSLATED = [
    pytest.param(
        "Les forces de l'ordre ont ouvert le feu sur les manifestants qui tentaient "
        "de prendre d'assaut la mairie d'Almaty, selon des témoins cités par l'AFP.",
        "French",
        id="french-wire",
    ),
    pytest.param(
        "« Nous ne céderons pas aux bandits et aux terroristes », a déclaré le "
        "président kazakh dans une allocution télévisée.",
        "French",
        id="french-quote-with-attribution",
    ),
    pytest.param(
        "Le président Kassym-Jomart Tokaïev a affirmé vendredi avoir donné l'ordre "
        "de tirer sans sommation.",
        "French",
        id="french-with-names",
    ),
    pytest.param(
        "Я отдал приказ правоохранительным органам и армии открывать огонь на "
        "поражение без предупреждения.",
        "Russian",
        id="russian-quote",
    ),
    pytest.param(
        "По данным МВД, в ходе беспорядков погибли 26 человек, ещё более трёх тысяч задержаны.",
        "Russian",
        id="russian-wire",
    ),
    pytest.param(
        "Der kasachische Präsident hat den Sicherheitskräften erlaubt, ohne Vorwarnung "
        "auf Demonstranten zu schießen.",
        "German",
        id="german-wire",
    ),
    pytest.param(
        "Die Lage in der Millionenstadt Almaty bleibt nach Angaben von Augenzeugen "
        "weiterhin angespannt.",
        "German",
        id="german-starts-with-die",
    ),
    pytest.param(
        "El presidente de Kazajistán ordenó este viernes a las fuerzas de seguridad "
        "disparar sin previo aviso contra los manifestantes.",
        "Spanish",
        id="spanish-wire",
    ),
    pytest.param(
        "Según el Ministerio del Interior, al menos 26 personas murieron durante los "
        "disturbios y más de 3.000 fueron detenidas.",
        "Spanish",
        id="spanish-figures",
    ),
    pytest.param(
        "Президент наголосив, що порядок у країні в основному відновлено, а "
        "міжнародні сили залишаться до кінця місяця.",
        "Ukrainian",
        id="ukrainian",
    ),
    pytest.param(
        "Secondo il ministero dell'Interno, negli scontri sono morte almeno 26 persone "
        "e più di tremila sono state arrestate.",
        "Italian",
        id="italian",
    ),
]

# English sentences that a careless detector mistakes for foreign ones.
ENGLISH = [
    "Kassym-Jomart Tokayev met Vladimir Putin in Nur-Sultan on Monday.",
    "Ursula von der Leyen, Emmanuel Macron and Olaf Scholz met at the Élysée Palace.",
    "Luiz Inácio Lula da Silva beat Jair Bolsonaro in São Paulo and Rio de Janeiro.",
    "Her debut novel, « Les Années sauvages », was published by Gallimard last spring.",
    "« Le Silence des steppes » sold 40,000 copies in France.",
    "The failed coup d'état left the country's institutions in tatters.",
    "Germans still call her Mutti, and the nickname has stuck.",
    "The court held that the contract was void ab initio and that the claim was moot.",
    "Protesters chanted “Shal, ket!” (“Old man, go!”) as they marched through Almaty.",
    "The menu offers coq au vin, bœuf bourguignon and crème brûlée.",
    "Andrés Manuel López Obrador spoke in Ciudad de México on Tuesday.",
    "Le Monde and Der Spiegel both ran the story on their front pages.",
    "Tokayev's Amanat (Аманат) party won 54 percent of the vote.",
    "Jean-Luc Mélenchon of La France Insoumise called the result “une honte”.",
    "Yerlan Abenov, Aigerim Dzhaksybekova and Nurlan Seitkali were released on Saturday.",
    "As Angela Merkel once put it, “Wir schaffen das.”",
    "Magritte painted Ceci n'est pas une pipe in 1929.",
    "He ordered the pain au chocolat and a café au lait at the Café de la Paix.",
    "The band played “La vie en rose”, “Non, je ne regrette rien” and “Que sera, sera”.",
    "The Académie française and the Conseil d'État both weighed in on the reform.",
    "The slogan “Liberté, égalité, fraternité” is carved above the door of the town hall.",
]


def inject(sentence: str, article: str = ARTICLE) -> tuple[str, Span]:
    """The article with ``sentence`` after the anchor, and the sentence's span."""
    start = article.index(ANCHOR) + len(ANCHOR) + 1
    text = f"{article[:start]}{sentence} {article[start:]}"
    return text, Span(start, start + len(sentence))


def found(text: str, **settings: object) -> list[tuple[str, str]]:
    doc = Document(text)
    return [(doc.slice(d.span), d.message) for d in UntranslatedSentence(**settings).check(doc)]


@pytest.mark.parametrize(("sentence", "language"), UNTRANSLATED)
def test_fires_on_a_sentence_left_in_the_source_language(sentence: str, language: str) -> None:
    text, span = inject(sentence)
    diagnostics = list(UntranslatedSentence().check(Document(text)))
    assert len(diagnostics) == 1
    assert diagnostics[0].span == span
    assert diagnostics[0].message == f"sentence in {language} left untranslated"
    assert diagnostics[0].code == "TR014"


@pytest.mark.parametrize(("sentence", "language"), UNTRANSLATED)
def test_fires_on_an_untranslated_paragraph(sentence: str, language: str) -> None:
    anchor = ARTICLE.index("Bursts of gunfire")
    text = f"{ARTICLE[:anchor]}{sentence}\n\n{ARTICLE[anchor:]}"
    assert found(text) == [(sentence, f"sentence in {language} left untranslated")]


@pytest.mark.parametrize("sentence", ENGLISH)
def test_english_full_of_foreign_names_and_phrases_does_not_fire(sentence: str) -> None:
    text, _ = inject(sentence)
    assert found(text) == []


def test_a_long_quotation_in_an_english_sentence_is_judged_alone() -> None:
    quotation = (
        "Я отдал приказ правоохранительным органам и армии открывать огонь на "
        "поражение без предупреждения"
    )
    text, _ = inject(f"“{quotation},” Tokayev said in a televised address on Friday.")
    assert found(text) == [(quotation, "quotation in Russian left untranslated")]


def test_a_whole_untranslated_paragraph_fires_on_each_sentence() -> None:
    paragraph = (
        "Le président kazakh a autorisé vendredi les forces de sécurité à tirer sans "
        "sommation. Selon le ministère de l'Intérieur, 26 manifestants ont été tués et "
        "plus de 3 800 personnes ont été arrêtées depuis le début des troubles."
    )
    anchor = ARTICLE.index("Bursts of gunfire")
    text = f"{ARTICLE[:anchor]}{paragraph}\n\n{ARTICLE[anchor:]}"
    assert [message for _, message in found(text)] == ["sentence in French left untranslated"] * 2


def test_short_foreign_sentences_do_not_fire() -> None:
    text, _ = inject("« Je suis Charlie. » Слава Україні!")
    assert found(text) == []


def test_a_text_too_short_to_know_its_language_is_left_alone() -> None:
    assert found("Les manifestants ont pris d'assaut la mairie d'Almaty mercredi soir.") == []


def test_source_languages_restrict_what_is_found() -> None:
    text, _ = inject(
        "Der kasachische Präsident hat den Sicherheitskräften erlaubt, ohne Vorwarnung "
        "auf Demonstranten zu schießen."
    )
    assert found(text, **{"source-languages": ["en", "ru"]}) == []
    assert len(found(text, **{"source-languages": ["de"]})) == 1


def test_min_words_and_min_confidence_are_options() -> None:
    text, _ = inject("Die Lage in der Stadt ist angespannt.")
    assert found(text) == []
    assert len(found(text, **{"min-words": 4})) == 1
    french, _ = inject(str(UNTRANSLATED[0].values[0]))
    assert found(french, **{"min-confidence": 1.01}) == []


FRENCH_ARTICLE = (
    "Le président kazakh Kassym-Jomart Tokaïev a autorisé vendredi les forces de "
    "l'ordre à tirer sans sommation sur les manifestants. Selon le ministère de "
    "l'Intérieur, 26 personnes ont été tuées et plus de 3 800 arrêtées depuis le "
    "début des troubles. Les troupes russes de l'Organisation du traité de sécurité "
    "collective sont arrivées jeudi à Almaty."
)
RUSSIAN_ARTICLE = (
    "Президент Казахстана Касым-Жомарт Токаев в пятницу заявил, что конституционный "
    "порядок в стране в основном восстановлен. По данным МВД, в ходе беспорядков "
    "погибли 26 человек, ещё более трёх тысяч задержаны. Протесты начались 2 января "
    "в Жанаозене после резкого повышения цен на сжиженный газ."
)


@pytest.mark.parametrize(
    ("article", "sentence", "language"),
    [
        pytest.param(
            FRENCH_ARTICLE,
            "The airport will remain closed to all traffic until further notice, the "
            "operator said on its website.",
            "English",
            id="english-in-french",
        ),
        pytest.param(
            FRENCH_ARTICLE,
            "Die Lage in der Millionenstadt Almaty bleibt nach Angaben von Augenzeugen "
            "weiterhin angespannt.",
            "German",
            id="german-in-french",
        ),
        pytest.param(
            FRENCH_ARTICLE,
            "Según el Ministerio del Interior, al menos 26 personas murieron durante los "
            "disturbios.",
            "Spanish",
            id="spanish-in-french",
        ),
        pytest.param(
            RUSSIAN_ARTICLE,
            "The airport will remain closed to all traffic until further notice, the "
            "operator said on its website.",
            "English",
            id="english-in-russian",
        ),
    ],
)
def test_a_sentence_in_another_language_than_a_foreign_article(
    article: str, sentence: str, language: str
) -> None:
    assert found(f"{article} {sentence}") == [
        (sentence, f"sentence in {language} left untranslated")
    ]


@pytest.mark.parametrize("article", [FRENCH_ARTICLE, RUSSIAN_ARTICLE])
def test_a_foreign_article_is_judged_once_not_sentence_by_sentence(
    article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = translation.identify

    def counting(text: str, languages: tuple[str, ...]) -> object:
        calls.append(text)
        return real(text, languages)

    monkeypatch.setattr(translation, "identify", counting)
    assert found(article) == []
    assert calls == []  # the article's own language came from language.identify


def test_an_unknown_source_language_is_a_backend_error() -> None:
    text, _ = inject(str(UNTRANSLATED[0].values[0]))
    rule = UntranslatedSentence(**{"source-languages": ["fr", "xx"]})
    with pytest.raises(BackendError, match="'xx'"):
        list(rule.check(Document(text)))


def test_the_top_level_source_languages_key_reaches_the_rule(tmp_path: Path) -> None:
    german = "Die Lage in der Millionenstadt Almaty bleibt nach Angaben von Augenzeugen angespannt."
    text, _ = inject(german)
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text(
        'select = ["TR014"]\nsource-languages = ["fr", "ru"]\n', encoding="utf-8"
    )
    result = Runner(RunOptions(jobs=1)).run([tmp_path])
    assert [d for f in result.files for d in f.diagnostics] == []


def test_is_registered_and_enabled_by_default() -> None:
    rule = Registry.load(plugins=False).get("TR014")
    assert isinstance(rule, UntranslatedSentence)
    assert rule.default_enabled and not rule.fixable


def test_library_call_reports_the_sentence() -> None:
    text, span = inject(str(UNTRANSLATED[5].values[0]))
    assert [(d.code, d.span) for d in lint_text(text, select=["TR014"])] == [("TR014", span)]


@pytest.mark.parametrize("path", sorted(CLEAN_NEWS.iterdir()), ids=lambda p: p.name)
def test_clean_news_does_not_fire(path: Path) -> None:
    doc = read_document(path)
    assert list(UntranslatedSentence().check(doc)) == []


def test_linting_clean_news_never_loads_lingua() -> None:
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from lintnews.results import RunOptions\n"
        "from lintnews.runner import Runner\n"
        f"options = RunOptions(isolated=True, jobs=1)\n"
        f"result = Runner(options).run([Path({str(CLEAN_NEWS)!r})])\n"
        "codes = sorted({d.code for f in result.files for d in f.diagnostics})\n"
        "print(json.dumps({'lingua': 'lingua' in sys.modules, 'files': len(result.files), "
        "'codes': codes}))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"LINTNEWS_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    report = json.loads(output.stdout.splitlines()[-1])
    assert report["files"] == len(list(CLEAN_NEWS.iterdir()))
    assert "TR014" not in report["codes"]
    assert report["lingua"] is False
