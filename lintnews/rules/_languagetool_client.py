"""Asking LanguageTool about one text, for the GR1xx rules.

This module imports language_tool_python and requests, so the rules import
it only when one of them checks a document.

language_tool_python builds the requests and reads the answers; this module
decides where they go and what a failure means:

- It always gives language_tool_python a server address (``remote_server``).
  Given none, language_tool_python starts a LanguageTool of its own and
  first downloads one into its cache folder; lintnews never lets it. With
  ``languagetool-path``, lintnews starts that folder's server itself and
  hands its address over.
- Every request goes through :meth:`_Client._query_server`: one try, a short
  timeout, no proxy taken from the environment, no redirect, and a
  :class:`~lintnews.rule.BackendError` that names the server and the problem.
- After a server could not be reached or let a file time out, the next
  files of the run fail at once with the same message instead of waiting
  again (:data:`_BROKEN`, per process).
"""

from __future__ import annotations

import atexit
import bisect
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import regex
import requests
from language_tool_python import LanguageTool, Match
from language_tool_python.exceptions import LanguageToolError

from lintnews.rule import BackendError

SERVER_JAR = "languagetool-server.jar"
#: Seconds a LanguageTool started from ``languagetool-path`` may take to come up.
STARTUP_SECONDS = 90.0
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One LanguageTool match, its span in code points of the checked text."""

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    #: LanguageTool's first suggestion, or None when it has none.
    replacement: str | None


class ServerDownError(BackendError):
    """The server could not be reached, or did not answer in time."""


#: Server (URL or folder) -> the message of its failure, for the rest of the process.
_BROKEN: dict[str, str] = {}
_CLIENTS: dict[tuple[str, str, float], _Client] = {}
_LOCAL_SERVERS: dict[str, _LocalServer] = {}
# A forked worker must not share its parent's pooled connections: it opens its own.
os.register_at_fork(after_in_child=_CLIENTS.clear)


def check_text(text: str, *, url: str, path: str, language: str, timeout: float) -> list[Finding]:
    """LanguageTool's findings on ``text``; raises BackendError with a message to show."""
    server = url or path
    if server in _BROKEN:
        raise BackendError(_BROKEN[server])
    try:
        client = _client(url, path, language, timeout)
        return client.findings(text)
    except ServerDownError as error:
        _BROKEN[server] = str(error)
        raise BackendError(str(error)) from None


def _client(url: str, path: str, language: str, timeout: float) -> _Client:
    if url:
        base, label = url, f"LanguageTool at {url}"
    else:
        base, label = _local_server(Path(path)).url, f"LanguageTool started from {path}"
    key = (base, language, timeout)
    if key not in _CLIENTS:
        _CLIENTS[key] = _Client(base, language, timeout, label)
    return _CLIENTS[key]


class _Client(LanguageTool):
    """language_tool_python's client, its requests made the way lintnews needs."""

    def __init__(self, base_url: str, language: str, timeout: float, label: str) -> None:
        self.label = label
        self._timeout = timeout
        self._session = requests.Session()
        self._session.trust_env = False  # this server only: no proxy, no .netrc
        # A path after the host survives urljoin only with a trailing slash.
        address = regex.sub(r"/v2/?$", "", base_url.rstrip("/")) + "/"
        try:
            super().__init__(language=language, remote_server=address)
        except ValueError:
            raise BackendError(f"{label} does not offer the language {language}") from None
        except (AttributeError, KeyError, TypeError):
            raise BackendError(
                f"{label} answered /v2/languages with JSON that is not a list of languages"
            ) from None

    def findings(self, text: str) -> list[Finding]:
        try:
            matches = self.check(text)
        except (AttributeError, KeyError, TypeError, ValueError):
            raise BackendError(
                f"{self.label} answered /v2/check with JSON that is not a LanguageTool "
                "result (no list of matches with offsets, rules and categories)"
            ) from None
        except LanguageToolError as error:
            raise BackendError(f"{self.label}: {error}") from None
        return list(_findings(text, matches, self.label))

    def _query_server(
        self,
        url: str,
        params: dict[str, str] | None = None,
        num_tries: int = 2,
        method: str = "get",
    ) -> Any:
        # language_tool_python retries twice and waits 300 s; one short try here,
        # as the breaker in check_text decides what the next file does.
        endpoint = "/" + url.split("/v2/", 1)[-1]
        try:
            if method == "post":
                response = self._session.post(
                    url, data=params, timeout=self._timeout, allow_redirects=False
                )
            else:
                response = self._session.get(
                    url, params=params, timeout=self._timeout, allow_redirects=False
                )
        except requests.Timeout:
            raise ServerDownError(
                f"{self.label} did not answer within {self._timeout:g} s "
                "(raise languagetool-timeout if long articles need more)"
            ) from None
        except requests.ConnectionError as error:
            why = _why_unreachable(error)
            raise ServerDownError(f"{self.label} cannot be reached: {why}") from None
        except requests.RequestException as error:
            raise BackendError(f"{self.label}: request for {endpoint} failed: {error}") from None
        with response:
            return _json_answer(response, f"{self.label} answered /v2{endpoint}")


def _json_answer(response: requests.Response, answered: str) -> Any:
    if response.status_code != 200:
        body = " ".join(response.text.split())[:200]
        reason = f" {response.reason}" if response.reason else ""
        detail = f": {body}" if body else ""
        raise BackendError(f"{answered} with HTTP {response.status_code}{reason}{detail}")
    try:
        return response.json()
    except ValueError:
        excerpt = " ".join(response.text.split())[:60]
        raise BackendError(f"{answered} with something that is not JSON: {excerpt!r}") from None


def _why_unreachable(error: BaseException) -> str:
    for cause in _causes(error):
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused (is the server running, on that port?)"
        if isinstance(cause, socket.gaierror):
            return "unknown host name"
    return "no connection"


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what it wraps (requests and urllib3 nest them several deep)."""
    seen: set[int] = set()
    pending: list[Any] = [error]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        pending.extend([*item.args, getattr(item, "reason", None)])
        pending.extend([item.__cause__, item.__context__])


# -- offsets ----------------------------------------------------------------


def _findings(text: str, matches: list[Match], label: str) -> Iterator[Finding]:
    """Matches with code point spans.

    LanguageTool counts in Java chars, UTF-16 code units: an emoji before a
    match shifts it by one. language_tool_python corrects ``offset`` but not
    ``error_length``, so the end is recounted here.
    """
    units = _Utf16Index(text)
    for match in matches:
        start = match.offset
        end = units.code_point(units.utf16(start) + match.error_length)
        if not 0 <= start <= end <= len(text):
            raise BackendError(f"{label} answered with a match outside the text")
        replacement = match.replacements[0] if match.replacements else None
        message = " ".join(match.message.split())
        yield Finding(start, end, match.rule_id, match.category, message, replacement)


class _Utf16Index:
    """Converts offsets between code points and UTF-16 code units of one text."""

    def __init__(self, text: str) -> None:
        #: Code point offsets of the characters outside the BMP (two units each).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        #: Their UTF-16 offsets.
        self._astral_units = [offset + i for i, offset in enumerate(self._astral)]

    def utf16(self, code_point: int) -> int:
        return code_point + bisect.bisect_left(self._astral, code_point)

    def code_point(self, unit: int) -> int:
        # Astral characters wholly before ``unit``; inside a pair counts as after it.
        return unit - bisect.bisect_right(self._astral_units, unit - 2)


# -- a LanguageTool started from languagetool-path --------------------------


def server_command(jar: Path, port: int) -> list[str]:
    """The official way to run LanguageTool's HTTP server (dev.languagetool.org/http-server)."""
    java = shutil.which("java")
    if java is None:
        raise ServerDownError(
            f"LanguageTool started from {jar.parent}: java is not on PATH; install Java 17 "
            "or later, or run LanguageTool elsewhere and set languagetool-url"
        )
    return [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "--port", str(port)]


@dataclass
class _LocalServer:
    process: subprocess.Popen[bytes]
    url: str
    log: IO[bytes]
    owner: int

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        # Forked workers inherit the table; only the process that started a server stops it.
        if self.owner == os.getpid() and self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def _local_server(folder: Path) -> _LocalServer:
    running = _LOCAL_SERVERS.get(str(folder))
    if running is not None and running.alive():
        return running
    label = f"LanguageTool started from {folder}"
    jar = folder / SERVER_JAR
    if not jar.is_file():
        raise ServerDownError(f"{label}: there is no {SERVER_JAR} in that folder")
    port = _free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 (kept open while the server runs)
    process = subprocess.Popen(
        server_command(jar, port),
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = _LocalServer(process, f"http://127.0.0.1:{port}", log, os.getpid())
    _LOCAL_SERVERS[str(folder)] = server
    _wait_until_ready(server, label)
    return server


def _wait_until_ready(server: _LocalServer, label: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    session = requests.Session()
    session.trust_env = False
    while time.monotonic() < deadline:
        if not server.alive():
            output = _last_lines(server.log)
            raise ServerDownError(f"{label}: the server stopped at start-up: {output}")
        try:
            if session.get(f"{server.url}/v2/languages", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    seconds = f"{STARTUP_SECONDS:g} s"
    raise ServerDownError(f"{label}: the server did not answer within {seconds} of start-up")


def _last_lines(log: IO[bytes], count: int = 3) -> str:
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    return " / ".join(line.strip() for line in lines[-count:]) or "no output"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@atexit.register
def _stop_local_servers() -> None:
    for server in _LOCAL_SERVERS.values():
        server.stop()
    _LOCAL_SERVERS.clear()
