"""A run as a whole: what it touches besides the files it is given."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from lintnews.results import RunOptions
from lintnews.runner import Runner

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_opens_no_network_connection(monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """No backend is configured by default, so nothing may reach for the network."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("lintnews must not connect anywhere")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or [])
    result = Runner(RunOptions(jobs=jobs, isolated=True)).run([SEEDS])
    assert len(result.files) == 5 and result.has_diagnostics
    assert attempts == []
