"""An activity has one number everywhere: the issued document, the plan page and the tracking page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans import workflow
from plans.choices import ActivityNumbering
from plans.models import IssuedDocument

pytestmark = pytest.mark.django_db


def _issued(plan):
    admin = get_user_model().objects.get(username="admin")
    workflow.plan_submit(plan=plan, user=admin)
    workflow.plan_approve(plan=plan, user=admin)
    return workflow.plan_issue(
        plan=plan, user=admin, issue_date=datetime.date(2024, 3, 1), confirm_warnings=True
    ), admin


def _document_numbers(plan) -> list[tuple[str, str]]:
    context = IssuedDocument.objects.get(plan=plan).context
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "activities":
                for group in node["groups"]:
                    found.extend(
                        (row["number"], "".join(r["text"] for b in row["content"] for r in b["runs"]))
                        for row in group["rows"]
                    )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(context)
    return found


@pytest.mark.parametrize("numbering", [ActivityNumbering.CONTINUOUS, ActivityNumbering.PER_QUARTER])
def test_seed_003_activities_are_numbered_alike_in_the_document_the_plan_page_and_tracking(
    demo, client, numbering
):
    plan = demo["003"]
    plan.activity_numbering = numbering
    plan.save(update_fields=["activity_numbering"])
    plan, admin = _issued(plan)
    printed = [number for number, _content in _document_numbers(plan)]
    assert len(printed) == 10
    if numbering == ActivityNumbering.CONTINUOUS:
        assert printed == [str(n) for n in range(1, 11)]

    client.force_login(admin)
    tracking = client.get(reverse("tracking:plan", args=[plan.pk])).context["quarters"]
    assert [str(row.number) for _label, rows in tracking for row in rows] == printed
    page = client.get(reverse("plans:detail", args=[plan.pk])).context["quarters"]
    assert [str(number) for _quarter, rows in page for number, _activity in rows] == printed
