"""GR1xx: LanguageTool through language-tool-python, against a local HTTP server.

The server in these tests is Python's http.server on 127.0.0.1. It answers
/v2/check with responses recorded from real LanguageTool servers
(tests/fixtures/languagetool/, see the README there), and plays a server
that is down, slow, failing or answering garbage for the error paths.
"""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lintnews.diagnostics import Applicability
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits
from lintnews.markdown import markdown_regions
from lintnews.registry import Registry
from lintnews.rule import BackendError, Rule
from lintnews.rules import languagetool
from lintnews.rules.punctuation import DoubledPeriod

pytest.importorskip("language_tool_python")

import language_tool_python.server

from lintnews.rules import _languagetool_client as client

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "languagetool"
ROOT = Path(__file__).resolve().parents[2]
REGISTRY = Registry.load(plugins=False)
LT_RULES = [rule for rule in REGISTRY if isinstance(rule, languagetool.LanguageToolRule)]

# The texts the recordings answer (see tests/fixtures/languagetool/README.md).
TIPTAP_TEXT = "LanguageTool Extensin is the best onee there shud be."
YALAFI_TEXT = "This is ä testx."
TIPTAP = json.loads((FIXTURES / "tiptap-languagetool-5.5-en-US.json").read_text("utf-8"))
YALAFI = json.loads((FIXTURES / "yalafi-languagetool-4.7-en-GB.json").read_text("utf-8"))

# /v2/languages in LanguageTool's shape (written for the test, not recorded).
LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
# A doubled period for PN001, next to the recorded sentence.
ARTICLE_WITH_PN001 = TIPTAP_TEXT + "\n\nThe situation in Almaty remains unsafe. .\n"


class FakeLanguageTool(ThreadingHTTPServer):
    """Answers like a LanguageTool server; ``mode`` picks how it misbehaves."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answers: dict[str, Any] = {}
        self.mode = "recorded"
        self.delay = 0.0
        self.checks: list[dict[str, str]] = []
        self.languages = list(LANGUAGES)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._send(200, json.dumps(self.server.languages).encode())
        else:
            self._send(404, b"Not found")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        if not self.path.startswith("/v2/check"):
            self._send(404, b"Not found")
            return
        params = {key: values[0] for key, values in form.items()}
        self.server.checks.append(params)
        mode = self.server.mode
        if mode == "sleep":
            time.sleep(self.server.delay)
        if mode == "http500":
            self._send(500, b"Error: Internal Server Error")
        elif mode == "malformed":
            self._send(200, b'{"software": {"name": "LanguageTool"}, "matches": [{"offs')
        elif mode == "not-a-result":
            self._send(200, b'{"matches": [{"offset": 3}]}')
        else:
            # A file ends in a line break the recorded text lacks; the offsets are the same.
            text = params.get("text", "").removesuffix("\n")
            answer = self.server.answers.get(text, {**TIPTAP, "matches": []})
            self._send(200, json.dumps(answer).encode())

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            pass


def _no_download(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("language_tool_python tried to fetch or start its own LanguageTool")


@pytest.fixture(autouse=True)
def _fresh_client_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Where language_tool_python would download and start a LanguageTool of its own.
    local = language_tool_python.server.LocalLanguageTool
    monkeypatch.setattr(local, "from_version_name", _no_download)
    client._BROKEN.clear()
    client._CLIENTS.clear()
    yield
    client._BROKEN.clear()
    client._CLIENTS.clear()
    client._stop_local_servers()


@pytest.fixture
def server() -> Iterator[FakeLanguageTool]:
    fake = FakeLanguageTool()
    fake.answers = {TIPTAP_TEXT: TIPTAP, YALAFI_TEXT: YALAFI}
    thread = threading.Thread(target=fake.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield fake
    fake.shutdown()
    fake.server_close()


@pytest.fixture
def dead_url() -> str:
    """An address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def lt_rules(**settings: Any) -> list[Rule]:
    return [rule.with_settings(**settings) for rule in LT_RULES]


def gr(code: str, **settings: Any) -> Rule:
    found = REGISTRY.get(code)
    assert found is not None
    return found.with_settings(**settings)


def findings(text: str, rules: list[Rule], kind: str = "text") -> list[tuple[str, str]]:
    prose = markdown_regions(text)[0] if kind == "markdown" else None
    doc = Document(text, kind=kind, prose=prose)
    return [(d.code, doc.slice(d.span)) for d in lint_document(doc, rules)]


def one_match(category: str, offset: int, length: int, *, rule_id: str = "TEST") -> dict:
    """The first recorded match, moved and put in another category."""
    match = copy.deepcopy(TIPTAP["matches"][0])
    match.update(offset=offset, length=length)
    match["rule"].update(id=rule_id, category={"id": category, "name": category.title()})
    return {**TIPTAP, "matches": [match]}


# -- recorded answers ---------------------------------------------------------


def test_recorded_spelling_mistakes_become_gr102(server: FakeLanguageTool) -> None:
    doc = Document(TIPTAP_TEXT)
    found = lint_document(doc, lt_rules(**{"languagetool-url": server.url}))
    assert [(d.code, doc.slice(d.span)) for d in found] == [
        ("GR102", "Extensin"),
        ("GR102", "onee"),
        ("GR102", "shud"),
    ]
    assert found[0].message == "Possible spelling mistake found. (MORFOLOGIK_RULE_EN_US)"
    assert all(d.fix and d.fix.applicability is Applicability.UNSAFE for d in found)
    edits = [edit for d in found for edit in d.fix.edits]
    assert (
        apply_edits(TIPTAP_TEXT, edits) == "LanguageTool Extension is the best one there shut be."
    )


def test_one_request_per_document_for_every_rule(server: FakeLanguageTool) -> None:
    rules = lt_rules(**{"languagetool-url": server.url})
    lint_document(Document(TIPTAP_TEXT), rules)
    lint_document(Document(YALAFI_TEXT), rules)
    assert [check["text"] for check in server.checks] == [TIPTAP_TEXT, YALAFI_TEXT]
    assert {check["language"] for check in server.checks} == {"en-US"}


@pytest.mark.parametrize(
    ("dialect", "language"),
    [("american", "en-US"), ("british", "en-GB"), ("canadian", "en-CA"), ("indian", "en-GB")],
)
def test_dialect_chooses_the_language_sent(
    server: FakeLanguageTool, dialect: str, language: str
) -> None:
    found = findings(YALAFI_TEXT, lt_rules(**{"languagetool-url": server.url, "dialect": dialect}))
    # The recording answers en-GB; a letter outside ASCII before the match shifts nothing.
    assert found == [("GR102", "testx")]
    assert server.checks[-1]["language"] == language


def test_each_category_reaches_its_own_rule(server: FakeLanguageTool) -> None:
    text = "The court heard a appeal from the defence on Monday."
    rules = lt_rules(**{"languagetool-url": server.url})
    for lt_rule in LT_RULES:
        category = "PLAIN_ENGLISH" if lt_rule.category == "*" else lt_rule.category
        server.answers[text] = one_match(category, 16, 1, rule_id="EN_A_VS_AN")
        assert findings(text, rules) == [(lt_rule.code, "a")], category


def test_a_clean_answer_reports_nothing(server: FakeLanguageTool) -> None:
    text = "Kazakhstan’s President Kassym-Jomart Tokayev ordered troops to fire."
    assert findings(text, lt_rules(**{"languagetool-url": server.url})) == []
    assert len(server.checks) == 1


def test_matches_on_masked_markdown_are_dropped(server: FakeLanguageTool) -> None:
    text = "Officials gave `goverment` figurs."
    masked = "Officials gave             figurs."  # what LanguageTool is sent
    answer = one_match("TYPOS", 15, 11)
    answer["matches"].append(one_match("TYPOS", 27, 6)["matches"][0])
    server.answers[masked] = answer
    found = findings(text, lt_rules(**{"languagetool-url": server.url}), kind="markdown")
    assert found == [("GR102", "figurs")]
    assert server.checks[0]["text"] == masked


def test_a_suggestion_to_delete_is_an_empty_replacement(server: FakeLanguageTool) -> None:
    text = "The minister resigned on on Friday."
    answer = one_match("MISC", 24, 3, rule_id="ENGLISH_WORD_REPEAT_RULE")
    answer["matches"][0]["replacements"] = [{"value": ""}]
    server.answers[text] = answer
    doc = Document(text)
    [found] = lint_document(doc, [gr("GR112", **{"languagetool-url": server.url})])
    assert doc.slice(found.span) == " on"
    assert found.fix and found.fix.message == "Replace with nothing"
    assert apply_edits(text, found.fix.edits) == "The minister resigned on Friday."


def test_a_match_without_suggestions_has_no_fix(server: FakeLanguageTool) -> None:
    text = "The summit opened on Thursday, 27 June 2017."
    answer = one_match("SEMANTICS", 21, 22, rule_id="DATE_WEEKDAY")
    answer["matches"][0]["replacements"] = []
    server.answers[text] = answer
    [found] = lint_document(Document(text), [gr("GR110", **{"languagetool-url": server.url})])
    assert found.fix is None


# -- UTF-16 offsets -------------------------------------------------------------


def test_an_emoji_before_the_matches_shifts_them_by_one(server: FakeLanguageTool) -> None:
    # What LanguageTool answers for the recorded text behind "📰 ": it counts
    # the emoji as two Java chars, so every offset moves by three, not two.
    text = "📰 " + TIPTAP_TEXT
    answer = copy.deepcopy(TIPTAP)
    for match in answer["matches"]:
        match["offset"] += 3
    server.answers[text] = answer
    assert findings(text, lt_rules(**{"languagetool-url": server.url})) == [
        ("GR102", "Extensin"),
        ("GR102", "onee"),
        ("GR102", "shud"),
    ]


def test_astral_characters_inside_a_match_are_counted_twice(server: FakeLanguageTool) -> None:
    text = "Supporters waved 🇺🇦🇺🇦 flags outside the 🏛 parliament."
    # "🇺🇦🇺🇦" is four regional indicators: eight Java chars from Java char 17.
    server.answers[text] = one_match("TYPOGRAPHY", 17, 8)
    server.answers[text]["matches"].append(one_match("TYPOS", 47, 10)["matches"][0])
    assert findings(text, lt_rules(**{"languagetool-url": server.url})) == [
        ("GR105", "🇺🇦🇺🇦"),
        ("GR102", "parliament"),
    ]


@given(st.text(alphabet=st.sampled_from("ab é—🙂𝔸\U0001f1fa")))
def test_utf16_index_agrees_with_python_utf16(text: str) -> None:
    units = client._Utf16Index(text)
    for code_point in range(len(text) + 1):
        unit = len(text[:code_point].encode("utf-16-le")) // 2
        assert units.utf16(code_point) == unit
        assert units.code_point(unit) == code_point


# -- errors, at the level of the rule --------------------------------------------


def test_server_down_is_one_clear_message_per_file(dead_url: str) -> None:
    doc = Document(ARTICLE_WITH_PN001)
    found = lint_document(doc, [*lt_rules(**{"languagetool-url": dead_url}), DoubledPeriod()])
    assert sorted(d.code for d in found) == ["LN003", "PN001"]
    message = next(d.message for d in found if d.code == "LN003")
    assert f"LanguageTool at {dead_url} cannot be reached: connection refused" in message
    assert "no LanguageTool rule (GR1xx) ran on this file" in message


def test_after_a_failure_to_connect_the_next_files_fail_fast(dead_url: str) -> None:
    gr101 = gr("GR101", **{"languagetool-url": dead_url})
    with pytest.raises(BackendError) as first:
        list(gr101.check(Document(TIPTAP_TEXT)))
    started = time.monotonic()
    with pytest.raises(BackendError) as second:
        list(gr101.check(Document(YALAFI_TEXT)))
    assert time.monotonic() - started < 0.2
    assert str(second.value) == str(first.value)


def test_a_slow_server_times_out_once(server: FakeLanguageTool) -> None:
    server.mode, server.delay = "sleep", 3.0
    gr102 = gr("GR102", **{"languagetool-url": server.url, "languagetool-timeout": 0.25})
    started = time.monotonic()
    with pytest.raises(BackendError, match=r"did not answer within 0\.25 s") as first:
        list(gr102.check(Document(TIPTAP_TEXT)))
    assert 0.25 <= time.monotonic() - started < 2.0  # not the three seconds the server takes
    assert server.url in str(first.value)
    # The breaker: the next file does not wait, and the server is not asked again.
    started = time.monotonic()
    with pytest.raises(BackendError) as second:
        list(gr102.check(Document(YALAFI_TEXT)))
    assert time.monotonic() - started < 0.2
    assert str(second.value) == str(first.value)
    assert len(server.checks) == 1


def test_the_breaker_is_per_server(server: FakeLanguageTool, dead_url: str) -> None:
    with pytest.raises(BackendError):
        list(gr("GR102", **{"languagetool-url": dead_url}).check(Document(TIPTAP_TEXT)))
    assert findings(TIPTAP_TEXT, [gr("GR102", **{"languagetool-url": server.url})])


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("http500", "answered /v2/check with HTTP 500 Internal Server Error: Error: Internal"),
        ("malformed", 'answered /v2/check with something that is not JSON: \'{"software"'),
        ("not-a-result", "answered /v2/check with JSON that is not a LanguageTool result"),
    ],
)
def test_bad_answers_are_clear_messages_and_not_remembered(
    server: FakeLanguageTool, mode: str, expected: str
) -> None:
    server.mode = mode
    doc = Document(ARTICLE_WITH_PN001)
    found = lint_document(doc, [*lt_rules(**{"languagetool-url": server.url}), DoubledPeriod()])
    assert sorted(d.code for d in found) == ["LN003", "PN001"]
    ln003 = next(d.message for d in found if d.code == "LN003")
    assert f"LanguageTool at {server.url} {expected}" in ln003
    # A bad answer may belong to one text: the next file asks again.
    server.mode = "recorded"
    assert findings(TIPTAP_TEXT, lt_rules(**{"languagetool-url": server.url}))


def test_a_match_outside_the_text_is_a_bad_answer(server: FakeLanguageTool) -> None:
    server.answers[YALAFI_TEXT] = one_match("TYPOS", 10, 50)
    with pytest.raises(BackendError, match="a match outside the text"):
        list(gr("GR102", **{"languagetool-url": server.url}).check(Document(YALAFI_TEXT)))


def test_a_language_the_server_lacks_is_named(server: FakeLanguageTool) -> None:
    # A server set up for German only (with English, language_tool_python falls back to "en").
    server.languages = [entry for entry in LANGUAGES if entry["code"] != "en"]
    gr101 = gr("GR101", **{"languagetool-url": server.url, "dialect": "australian"})
    with pytest.raises(BackendError, match="does not offer the language en-AU"):
        list(gr101.check(Document(TIPTAP_TEXT)))


# -- configuration ---------------------------------------------------------------


def test_not_configured_says_how_to_configure() -> None:
    reason = gr("GR101").unavailable()
    assert reason is not None
    assert "languagetool-url" in reason and "languagetool-path" in reason
    assert "does not download" in reason


def test_a_url_is_enough(server: FakeLanguageTool) -> None:
    assert gr("GR101", **{"languagetool-url": server.url}).unavailable() is None


def test_a_path_must_hold_the_server_jar(tmp_path: Path) -> None:
    missing = gr("GR101", **{"languagetool-path": str(tmp_path / "LanguageTool-6.6")})
    assert "is not a folder" in (missing.unavailable() or "")
    empty = gr("GR101", **{"languagetool-path": str(tmp_path)})
    assert "holds no languagetool-server.jar" in (empty.unavailable() or "")
    (tmp_path / "languagetool-server.jar").write_bytes(b"")
    assert gr("GR101", **{"languagetool-path": str(tmp_path)}).unavailable() is None


@pytest.mark.parametrize(
    "settings",
    [{"dialect": "scottish"}, {"languagetool-timeout": 0}, {"languagetool-timeout": True}],
)
def test_bad_settings_are_definition_errors(settings: dict[str, Any]) -> None:
    with pytest.raises(Exception, match="GR101"):
        gr("GR101", **settings)


def test_every_category_has_one_rule_and_stable_codes() -> None:
    codes = {rule.category: rule.code for rule in LT_RULES}
    assert len(codes) == len(LT_RULES)
    assert codes["GRAMMAR"] == "GR101" and codes["TYPOS"] == "GR102" and codes["*"] == "GR199"
    assert all("GR101" <= rule.code <= "GR199" for rule in LT_RULES)
    assert all(not rule.default_enabled and rule.fixable for rule in LT_RULES)


# -- a LanguageTool started from languagetool-path -----------------------------------


FAKE_SERVER_SCRIPT = """
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

ANSWER = json.loads(sys.argv[2])
LANGUAGES = json.loads(sys.argv[3])

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def _send(self, payload):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        self._send(LANGUAGES)
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self._send(ANSWER)

HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


@pytest.fixture
def languagetool_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "LanguageTool-6.6"
    folder.mkdir()
    (folder / "languagetool-server.jar").write_bytes(b"")
    return folder


def test_a_path_starts_that_folders_server(
    languagetool_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "fake_languagetool.py"
    script.write_text(FAKE_SERVER_SCRIPT, encoding="utf-8")
    started: list[tuple[Path, int]] = []

    def command(jar: Path, port: int) -> list[str]:
        started.append((jar, port))
        return [sys.executable, str(script), str(port), json.dumps(YALAFI), json.dumps(LANGUAGES)]

    monkeypatch.setattr(client, "server_command", command)
    rules = lt_rules(**{"languagetool-path": str(languagetool_folder)})
    assert findings(YALAFI_TEXT, rules) == [("GR102", "testx")]
    assert findings(YALAFI_TEXT, rules) == [("GR102", "testx")]
    assert started == [(languagetool_folder / "languagetool-server.jar", started[0][1])]


def test_the_server_is_started_the_official_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client.shutil, "which", lambda name: f"/usr/bin/{name}")
    jar = Path("/opt/LanguageTool-6.6/languagetool-server.jar")
    assert client.server_command(jar, 8081) == [
        "/usr/bin/java",
        "-cp",
        str(jar),
        "org.languagetool.server.HTTPServer",
        "--port",
        "8081",
    ]


def test_a_server_that_stops_at_start_up_is_reported(
    languagetool_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exit_code = "import sys; print('Could not bind to port'); sys.exit(1)"
    monkeypatch.setattr(
        client, "server_command", lambda jar, port: [sys.executable, "-c", exit_code]
    )
    gr101 = gr("GR101", **{"languagetool-path": str(languagetool_folder)})
    with pytest.raises(BackendError, match="stopped at start-up: Could not bind to port"):
        list(gr101.check(Document(TIPTAP_TEXT)))


def test_no_java_is_a_clear_message(
    languagetool_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client.shutil, "which", lambda name: None)
    gr101 = gr("GR101", **{"languagetool-path": str(languagetool_folder)})
    with pytest.raises(BackendError, match="java is not on PATH"):
        list(gr101.check(Document(TIPTAP_TEXT)))


# -- the command line ----------------------------------------------------------------


def write_config(folder: Path, url: str | None, extra: str = "") -> None:
    lines = [f'languagetool-url = "{url}"'] if url else []
    (folder / "lintnews.toml").write_text("\n".join([*lines, extra]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("selected", ["GR1", "GR101", "GR101,PN001"])
def test_selecting_an_unconfigured_languagetool_is_a_config_error(
    cli: Callable[..., Any], tmp_path: Path, selected: str
) -> None:
    (tmp_path / "article.txt").write_text(TIPTAP_TEXT + "\n", encoding="utf-8")
    write_config(tmp_path, None)
    result = cli("check", "--select", selected, "article.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert "LanguageTool is not configured" in result.stderr
    assert "languagetool-url" in result.stderr


def test_all_leaves_an_unconfigured_languagetool_out(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE_WITH_PN001, encoding="utf-8")
    write_config(tmp_path, None)
    result = cli("check", "--select", "ALL", "--output-format", "json", "article.txt", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    codes = [record["code"] for record in result.json()]
    assert "PN001" in codes
    assert not [code for code in codes if code.startswith("GR1") or code == "LN003"]


def test_gr_leaves_an_unconfigured_languagetool_out(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    others = [r.code for r in REGISTRY if r.code.startswith("GR") and r not in LT_RULES]
    if not others or all(r.unavailable() for r in REGISTRY if r.code in others):
        pytest.skip("GR names only LanguageTool rules here: selecting it is a config error")
    (tmp_path / "article.txt").write_text(ARTICLE_WITH_PN001, encoding="utf-8")
    write_config(tmp_path, None)
    result = cli("check", "--select", "GR", "--output-format", "json", "article.txt", cwd=tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    assert not [r["code"] for r in result.json() if r["code"].startswith("GR1")]


def test_recorded_answers_through_the_cli(
    cli: Callable[..., Any], tmp_path: Path, server: FakeLanguageTool
) -> None:
    (tmp_path / "article.txt").write_text(TIPTAP_TEXT + "\n", encoding="utf-8")
    (tmp_path / "almaty.txt").write_text("The situation remains unsafe. .\n", encoding="utf-8")
    write_config(tmp_path, server.url)
    result = cli("check", "--select", "GR1,PN001", "--output-format", "json", ".", cwd=tmp_path)
    assert result.exit_code == 1, result.stderr
    assert [(r["filename"], r["code"]) for r in result.json()] == [
        ("almaty.txt", "PN001"),
        ("article.txt", "GR102"),
        ("article.txt", "GR102"),
        ("article.txt", "GR102"),
    ]
    cli("check", "--select", "GR1", "--fix", "--unsafe-fixes", "article.txt", cwd=tmp_path)
    fixed = "LanguageTool Extension is the best one there shut be.\n"
    assert (tmp_path / "article.txt").read_text(encoding="utf-8") == fixed


def test_worker_processes_ask_the_server_themselves(
    cli: Callable[..., Any], tmp_path: Path, server: FakeLanguageTool
) -> None:
    for number in range(10):
        (tmp_path / f"article{number}.txt").write_text(TIPTAP_TEXT + "\n", encoding="utf-8")
    write_config(tmp_path, server.url)
    result = cli(
        "check", "--select", "GR1", "--jobs", "2", "--output-format", "json", ".", cwd=tmp_path
    )
    assert result.exit_code == 1, result.stderr
    assert [r["code"] for r in result.json()] == ["GR102"] * 30


@pytest.mark.parametrize("mode", ["down", "sleep", "http500", "malformed"])
def test_a_failing_server_through_the_cli(
    cli: Callable[..., Any], tmp_path: Path, server: FakeLanguageTool, dead_url: str, mode: str
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE_WITH_PN001, encoding="utf-8")
    server.mode, server.delay = mode, 1.0
    timeout = "[rule-options.GR101]\nlanguagetool-timeout = 0.25"
    write_config(tmp_path, dead_url if mode == "down" else server.url, timeout)
    result = cli(
        "check", "--select", "GR101,PN001", "--output-format", "json", "article.txt", cwd=tmp_path
    )
    assert result.exit_code == 1, result.stderr
    records = result.json()
    assert sorted(r["code"] for r in records) == ["LN003", "PN001"]
    assert "LanguageTool at http://127.0.0.1:" in records[0]["message"] + records[1]["message"]


def test_language_tool_python_is_not_imported_unless_selected(tmp_path: Path) -> None:
    probe = textwrap.dedent(
        """
        import sys
        import lintnews
        lintnews.lint_text("The situation in Almaty remains unsafe. .")
        lintnews.lint_text("The situation in Almaty remains unsafe. .", select=["ALL"])
        loaded = [m for m in ("language_tool_python", "requests") if m in sys.modules]
        print(",".join(loaded) or "none")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "none"
