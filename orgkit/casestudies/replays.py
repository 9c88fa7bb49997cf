"""Interactive replays on a case study's page, by registration.

A replay re-runs a case's numbers with orgkit's own counting engine, which lives in an app above
this one; so the app that may use the engine registers the replay here (in its
``AppConfig.ready()``), and this app only looks it up by the key a study names. A study whose
replay is not registered says so on its page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Replay:
    """``context(params)`` turns the page's query parameters into what ``template`` shows."""

    key: str
    template: str
    context: Callable[[Mapping[str, str]], dict]


_REPLAYS: dict[str, Replay] = {}


def register_replay(replay: Replay) -> None:
    _REPLAYS[replay.key] = replay


def replay_for(key: str) -> Replay | None:
    """The replay registered under ``key``, or None."""
    return _REPLAYS.get(key) if key else None
