"""rotations/hooks.py: apps above rotations advise its planning without rotations importing
them. Advice combines: eligible by every provider, preferred by any."""

from __future__ import annotations

from orgkit.rotations import hooks


def test_advice_combines_providers(monkeypatch):
    monkeypatch.setattr(hooks, "_PROVIDERS", {})
    assert hooks.planning_advice(object(), [1, 2, 3]) == hooks.PlanningAdvice()
    hooks.register_planning_provider(
        "a", lambda rotation, ids: hooks.PlanningAdvice(frozenset({1, 2}), frozenset({2}))
    )
    hooks.register_planning_provider(
        "b", lambda rotation, ids: hooks.PlanningAdvice(frozenset({2, 3}), frozenset({3}))
    )
    hooks.register_planning_provider("c", lambda rotation, ids: None)
    advice = hooks.planning_advice(object(), [1, 2, 3])
    assert advice.eligible == frozenset({2})
    assert advice.preferred == frozenset({2, 3})


def test_a_failing_shadow_listener_never_stops_the_others(monkeypatch):
    heard = []
    monkeypatch.setattr(hooks, "_SHADOW_LISTENERS", {})

    class Atomic:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(hooks.transaction, "atomic", Atomic)

    def broken(turn):
        raise RuntimeError("boom")

    hooks.register_shadow_listener("a-broken", broken)
    hooks.register_shadow_listener("b-ok", heard.append)

    class Turn:
        pk = 7

    turn = Turn()
    hooks.shadow_turn_done(turn)
    assert heard == [turn]
