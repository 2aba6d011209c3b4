"""The sections the plan page shows after the plan's own parts, registered by the apps that own them.

As with Django's admin site, each app registers its panels in its `AppConfig.ready()` and the plan
page (plans.views.browse.plan_detail) walks the registry, so it imports no other app's views. A
panel is a function `(request, plan) -> dict | None`: {"template": the template to include, …its
context}, or None when it has nothing to show to this user for this plan.
"""

from collections.abc import Callable, Iterator

from django.http import HttpRequest

from plans.models import Plan

Panel = Callable[[HttpRequest, Plan], dict | None]


class PanelRegistry:
    """The registered panels, in the order of their `position`, whatever the order of the apps."""

    def __init__(self):
        self._panels: dict[str, tuple[int, Panel]] = {}

    def register(self, panel: Panel, *, position: int) -> Panel:
        """Show `panel` at `position` on the plan page. Registering it again replaces it, since
        Django may run an app's `ready()` more than once."""
        self._panels[f"{panel.__module__}.{panel.__qualname__}"] = (position, panel)
        return panel

    def __iter__(self) -> Iterator[Panel]:
        ordered = sorted(self._panels.items(), key=lambda item: (item[1][0], item[0]))
        return iter([panel for _, (_, panel) in ordered])

    def shown(self, request: HttpRequest, plan: Plan) -> list[dict]:
        """The context of each panel with something to show, in order."""
        return [context for panel in self if (context := panel(request, plan)) is not None]


registry = PanelRegistry()
register = registry.register
