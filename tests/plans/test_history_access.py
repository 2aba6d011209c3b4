"""A plan's history by role: member units read it only from the plan's submission on, and none of
the drafts before it (rows in tests/matrix/history.py)."""

import functools
import operator

import pytest
from django.urls import reverse

from plans import workflow
from plans.choices import AuditAction
from plans.models import AuditEntry, Plan
from plans.services import plan_update
from tests.matrix.history import DRAFT_TEXT, ROWS

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(world):
    """The cluster plan drafted twice: a version with `DRAFT_TEXT`, then one without it."""
    plan, drafter = world.cluster_plan, world.users["drafter"]
    plan_update(plan=plan, user=drafter, fields={"preamble": DRAFT_TEXT})
    plan_update(plan=Plan.objects.get(pk=plan.pk), user=drafter, fields={"preamble": "Nội dung trình"})
    return Plan.objects.get(pk=plan.pk)


def history_pages(client, plan) -> tuple[int, str]:
    """The history page as it opens, and every pair of versions it offers compared: all it shows."""
    url = reverse("plans:history", args=[plan.pk])
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code, ""
    pages = [response.content.decode()]
    versions = [entry.pk for entry in response.context["versions"]]
    pages += [
        client.get(url, {"from": older, "to": newer}).content.decode()
        for older in versions
        for newer in versions
        if older < newer
    ]
    # Versions the page does not offer cannot be asked for either.
    for entry in AuditEntry.objects.filter(plan=plan, version__isnull=False):
        pages.append(
            client.get(url, {"from": entry.pk, "to": versions[-1] if versions else ""}).content.decode()
        )
    return response.status_code, "".join(pages)


def sign_in(client, world, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", list(ROWS))
def test_history_of_a_draft_by_role(client, world, drafted, role):
    sign_in(client, world, role)
    status, pages = history_pages(client, drafted)
    assert (status, DRAFT_TEXT in pages) == ROWS[role][0]


@pytest.mark.parametrize("role", list(ROWS))
def test_history_once_submitted_by_role(client, world, drafted, role):
    workflow.plan_submit(plan=drafted, user=world.users["drafter"])
    sign_in(client, world, role)
    status, pages = history_pages(client, drafted)
    assert (status, DRAFT_TEXT in pages) == ROWS[role][1]
    if status == 200:
        assert "Trình phê duyệt" in pages  # the submission itself is there for every reader


def test_a_member_unit_reads_the_plan_page_history_from_the_submission_on(client, world, drafted):
    workflow.plan_submit(plan=drafted, user=world.users["drafter"])
    client.force_login(world.users["member_staff"])
    shown = [entry for entry, _ in client.get(reverse("plans:detail", args=[drafted.pk])).context["history"]]
    assert [entry.action for entry in shown] == [AuditAction.SUBMITTED]
    client.force_login(world.users["approver"])
    shown = [entry for entry, _ in client.get(reverse("plans:detail", args=[drafted.pk])).context["history"]]
    assert AuditAction.UPDATED in [entry.action for entry in shown]


def test_drafts_after_a_return_stay_with_the_issuing_body_too(client, world, drafted):
    drafter = world.users["drafter"]
    workflow.plan_submit(plan=drafted, user=drafter)
    workflow.plan_return(plan=Plan.objects.get(pk=drafted.pk), user=world.users["approver"], reason="Sửa lại")
    plan_update(
        plan=Plan.objects.get(pk=drafted.pk), user=drafter, fields={"closing": "Nháp sau khi trả lại"}
    )
    plan_update(plan=Plan.objects.get(pk=drafted.pk), user=drafter, fields={"closing": "Bản trình lần hai"})
    workflow.plan_submit(plan=Plan.objects.get(pk=drafted.pk), user=drafter)
    client.force_login(world.users["member_staff"])
    status, pages = history_pages(client, drafted)
    assert status == 200
    assert "Bản trình lần hai" in pages
    assert "Nháp sau khi trả lại" not in pages
    assert DRAFT_TEXT not in pages


def test_reading_a_plans_drafts_is_one_rule_for_the_list_and_for_the_plan_in_hand(world):
    """`sees_drafts` tests the plan in hand against the rule `visible_plans` filters lists by (no
    query), whole or split into the branches a long list is read by: for every role and every plan
    of the world, all say the same."""
    from plans.policy import scope

    checked = 0
    for user in filter(None, world.users.values()):  # None: the anonymous visitor
        user_scope = scope.scope_of(user)
        if user_scope.is_admin or not user_scope.all_bodies:
            continue
        readers = scope._draft_readers(user_scope)
        filtered = set(
            Plan.objects.filter(functools.reduce(operator.or_, readers.terms(by_body=False))).values_list(
                "pk", flat=True
            )
        )
        branched = set().union(
            *(Plan.objects.filter(term).values_list("pk", flat=True) for term in readers.terms(by_body=True))
        )
        assert branched == filtered, user.username
        for plan in Plan.objects.all():
            assert scope.sees_drafts(user, plan) == (plan.pk in filtered), (user.username, plan)
            checked += plan.pk in filtered
    assert checked  # some user reads some plan's drafts
