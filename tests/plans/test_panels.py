"""The plan page's panels come from a registry the apps fill in their `ready()`, never from
importing another app's views."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from activities.choices import GroupKind
from activities.models import ParticipantGroup
from plans import panels
from plans.models import BudgetLine, Plan

BROWSE = Path(settings.BASE_DIR) / "plans" / "views" / "browse.py"


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, and for `from a import b` also "a.b" (b may be a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_plan_page_imports_no_view_of_another_area_only_the_panel_registry():
    modules = imported_modules(BROWSE)
    assert "activities.views" not in modules
    # Neither a view module nor a module that re-exports views (as activities.panels once did):
    # of the activities app, only its models; no other module of the plans' views.
    assert {name for name in modules if name.startswith("activities.")} <= {
        "activities.models",
        "activities.models.activities_by_quarter",
        "activities.models.participant_total",
    }
    assert {name for name in modules if name.startswith("plans.views.")} == set()
    assert "plans.panels" in modules


@pytest.mark.django_db
def test_the_plan_page_of_an_issued_plan_shows_registration_tracking_and_budget_in_that_order(client, world):
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=5, date_day=5)
    group = ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=4)
    group.units.set([world.member])
    BudgetLine.objects.create(plan=plan, order=1, item="Thuê xe", quantity=1, unit="chuyến", unit_price=100)
    client.force_login(world.users["drafter"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    headings = ['id="h-registration"', 'id="h-tracking"', 'id="h-budget-follow"']
    assert all(heading in page for heading in headings)
    assert [page.index(heading) for heading in headings] == sorted(
        page.index(heading) for heading in headings
    )


def test_the_registry_keeps_the_order_of_positions_and_registering_again_replaces():
    registry = panels.PanelRegistry()

    def late(request, plan):
        return {"template": "late.html"}

    def early(request, plan):
        return None

    registry.register(late, position=20)
    registry.register(early, position=10)
    registry.register(late, position=20)  # ready() may run twice
    assert list(registry) == [early, late]
    assert registry.shown(None, None) == [{"template": "late.html"}]


def test_the_apps_register_their_panels():
    names = [panel.__name__ for panel in panels.registry]
    assert names == ["registration_panel", "tracking_panel", "budget_panel", "paper_panel"]
