"""Dashboard panels: each capability contributes its own panel to an organization's dashboard
by registering it (in its AppConfig.ready), so the organizations app never imports the apps
built on top of it (docs/architecture.md, "Layers").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class DashboardPanel:
    """``context(request)`` gathers what ``template`` shows for the member making the request
    (``request.organization`` and ``request.member`` are set). Lower ``order`` comes first."""

    key: str
    template: str
    context: Callable[[object], dict]
    order: int = 100


_PANELS: dict[str, DashboardPanel] = {}


def register_panel(panel: DashboardPanel) -> None:
    _PANELS[panel.key] = panel


def registered_panels() -> list[DashboardPanel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.key))


def render_panels(request) -> list[SafeString]:
    """Every registered panel rendered for this request, in order."""
    return [
        render_to_string(panel.template, panel.context(request), request=request)
        for panel in registered_panels()
    ]
