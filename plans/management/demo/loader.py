"""Load the demo: the five real seed plans, the bodies that issue them, and one account per role.

The data lives in the modules next to this one (`bodies`, `seed_000` … `seed_004`), as plain
values that name bodies, clusters, users and plans by key. Bodies, clusters, memberships, users
and roles are written with the ORM (they have no services), found by their natural keys. Each plan
is written as its drafter by `plans.services.plan_create`, then moved through the workflow by the
users its data names, exactly as a person would; the issued plan gets its frozen document and PDF.

`load_demo()` is idempotent: a plan is looked up by (issuer, subject, year) and left alone if it
exists, and nothing else is created twice. The texts are the seeds' own wording
(tests/data/seeds/000.txt … 004.txt); only the artefacts of the text files (markdown headings,
table pipes, stray markers) are dropped.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from clusters.choices import MembershipRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff, Succession
from clusters.reorganisation import reorganise
from plans import workflow
from plans.management.demo import bodies, seed_000, seed_001, seed_002, seed_003, seed_004
from plans.management.demo import today as today_data
from plans.models import Plan
from plans.numbering import register_set_next
from plans.services import RowInput, plan_create, plan_create_from_template, plan_update

# The template's activities kept when the demo adds its own (the rest are the defaults).
# Sent at the end of load_demo, in its transaction: today, organizations and clusters by demo key.
demo_loaded = Signal()

ACTIVITY_COPIED_FIELDS = ("content", "period_kind", "quarter", "month", "implementers_text")

SEEDS = {
    "000": seed_000.PLAN,
    "001": seed_001.PLAN,
    "002": seed_002.PLAN,
    "003": seed_003.PLAN,
    "004": seed_004.PLAN,
}
# In loading order: the district plan that seed 003 cites comes first, so the citation links to it.
PLANS = {"bac_son_2024": seed_003.CITED_PLAN, **SEEDS}

# Values that name a body by its key; lists of such keys (many-to-many).
ORGANIZATION_VALUES = ("budget_payer", "organization")
ORGANIZATION_LISTS = ("units", "organizations")
# The workflow steps a plan's data may name, besides "issue" (which takes the seed's number and date).
STEPS = {"submit": workflow.plan_submit, "approve": workflow.plan_approve}


@dataclass
class Demo:
    """What is loaded so far, by key."""

    organizations: dict[str, Organization] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)


def load_demo(today: datetime.date | None = None) -> dict[str, Plan]:
    """Create (or find) the demo bodies, clusters, users and plans; return the five seeds by key.

    The seeds are loaded as the old bodies had them, then the bodies are reorganised as on 1 July
    2025, then this year's plans are drafted from the templates with dates around `today`."""
    demo = Demo()
    today = today or timezone.localdate()
    with transaction.atomic():
        _load_organizations(demo)
        _load_clusters(demo, today)
        _load_users(demo)
        reorganised = Succession.objects.filter(predecessor=demo.organizations["thap_muoi"]).exists()
        if not reorganised:
            _give_roles(demo, today_data.ROLES_BEFORE_REFORM)
        for key, data in PLANS.items():
            demo.plans[key] = _load_plan(demo, data)
        if not reorganised:
            _reorganise(demo)
        for key, data in today_data.plans(today).items():
            demo.plans[key] = _load_current_plan(demo, data, today)
        # The apps above plans add their part of the year (the emulation app: a registration call
        # and the cluster's compact) without plans importing them.
        demo_loaded.send(
            sender=load_demo, today=today, organizations=demo.organizations, clusters=demo.clusters
        )
    # The issued plan's PDF is rendered once the issuing transaction commits (plans.issuing).
    return {key: demo.plans[key] for key in SEEDS}


# ---------------------------------------------------------------------------
# Bodies, clusters, users
# ---------------------------------------------------------------------------
def _load_organizations(demo: Demo) -> None:
    orgs = demo.organizations
    for key, parent_key, fields in bodies.ORGANIZATIONS:
        fields = dict(fields)
        # The new province has the old one's name: the day it opened tells them apart.
        lookup = {"name": fields.pop("name"), "valid_from": fields.pop("valid_from", None)}
        orgs[key], _ = Organization.objects.update_or_create(
            **lookup, parent=orgs[parent_key] if parent_key else None, defaults=fields
        )


def _load_clusters(demo: Demo, today: datetime.date) -> None:
    new_key, *new_cluster = today_data.CLUSTER
    for key, (name, organization_key, fields) in [*bodies.CLUSTERS.items(), (new_key, new_cluster)]:
        demo.clusters[key], _ = Cluster.objects.update_or_create(
            name=name, organization=demo.organizations[organization_key], defaults=fields
        )
    memberships = [
        (cluster, year, {head: MembershipRole.HEAD}, members)
        for cluster, year, head, members in bodies.MEMBERSHIPS
    ]
    # The cluster of communes, from its first year to this one.
    leaders = {today_data.CLUSTER_HEAD: MembershipRole.HEAD, today_data.CLUSTER_DEPUTY: MembershipRole.DEPUTY}
    for year in range(today_data.FIRST_CLUSTER_YEAR, max(today.year, today_data.FIRST_CLUSTER_YEAR) + 1):
        memberships.append((new_key, year, leaders, today_data.CLUSTER_MEMBERS))
    for cluster_key, year, roles, members in memberships:
        for org_key in [*roles, *members]:
            ClusterMembership.objects.update_or_create(
                cluster=demo.clusters[cluster_key],
                organization=demo.organizations[org_key],
                year=year,
                defaults={"role": roles.get(org_key, MembershipRole.MEMBER)},
            )


def _load_users(demo: Demo) -> None:
    """One account per role; a password is set only when the account is created."""
    user_model = get_user_model()
    for username, _, role in bodies.DEMO_USERS:
        is_admin = role is None
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": is_admin or username in bodies.PROVINCIAL_ADMINS,
                "is_superuser": is_admin,
                "email": f"{username}@demo.invalid",
            },
        )
        if created:
            user.set_password(bodies.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if username in bodies.PROVINCIAL_ADMINS:
                app_label, models = bodies.PROVINCIAL_ADMIN_MODELS
                user.user_permissions.set(
                    Permission.objects.filter(
                        content_type__app_label=app_label, content_type__model__in=models
                    )
                )
        demo.users[username] = user
    _give_roles(demo, [row for row in bodies.DEMO_USERS if row[2] is not None])


def _give_roles(demo: Demo, roles) -> None:
    for username, org_key, role in roles:
        Staff.objects.get_or_create(
            user=demo.users[username], organization=demo.organizations[org_key], role=role
        )


def _reorganise(demo: Demo) -> None:
    """The reform of 2025, as an administrator runs it (see `today.REORGANISATIONS`)."""
    for kind, date, predecessor_keys, successor_keys in today_data.REORGANISATIONS:
        reorganise(
            kind=kind,
            predecessors=[demo.organizations[key] for key in predecessor_keys],
            successors=[demo.organizations[key] for key in successor_keys],
            date=date,
            new_successors=not today_data.ABSORBED.intersection(successor_keys),
        )
    for organization in demo.organizations.values():
        organization.refresh_from_db(fields=["valid_from", "valid_to"])


# ---------------------------------------------------------------------------
# Plans, through the services and the workflow
# ---------------------------------------------------------------------------
def _load_plan(demo: Demo, data: dict) -> Plan:
    ((issuer_field, issuer_key),) = data["issuer"].items()
    issuer = (demo.clusters if issuer_field == "cluster" else demo.organizations)[issuer_key]
    fields = {issuer_field: issuer, **_resolved(demo, data["fields"])}
    existing = Plan.objects.filter(
        **{issuer_field: issuer}, subject=fields["subject"], year=fields["year"]
    ).first()
    if existing is not None:
        return existing
    plan = plan_create(user=demo.users[data["drafter"]], fields=fields, parts=_parts(demo, data))
    for step, username in data.get("workflow", ()):
        user = demo.users[username]
        plan = _issue(plan, user, **data["issue"]) if step == "issue" else STEPS[step](plan=plan, user=user)
    return plan


def _load_current_plan(demo: Demo, data: dict, today: datetime.date) -> Plan:
    """A plan of this year as a drafter makes it: from the template, then completed in the editor,
    then moved through the workflow (issued today, with the register's next number)."""
    ((issuer_field, issuer_key),) = data["issuer"].items()
    issuer = (demo.clusters if issuer_field == "cluster" else demo.organizations)[issuer_key]
    drafter = demo.users[data["drafter"]]
    existing = Plan.objects.filter(**{issuer_field: issuer}, kind=data["kind"], year=today.year).first()
    if existing is not None:
        return existing
    plan = plan_create_from_template(
        user=drafter, kind=data["kind"], year=today.year, **{issuer_field: issuer}
    )
    parts = {}
    if "groups" in data:
        parts.update(_session_and_group_rows(demo, data))
    if "activities" in data or "extra_activities" in data:
        template_rows = list(plan.activities.values(*ACTIVITY_COPIED_FIELDS))
        items = data.get("activities") or [*template_rows, *data["extra_activities"]]
        parts["activities"] = _rows(demo, "activities", items)
    if parts or data.get("fields"):
        plan = plan_update(
            plan=plan, user=drafter, fields=_resolved(demo, data.get("fields", {})), parts=parts
        )
    for step, username in data.get("workflow", ()):
        user = demo.users[username]
        if step == "issue":
            # Signed as the cluster signs ("Cụm trưởng", no "TM."): confirmed, as a clerk would.
            plan = workflow.plan_issue(plan=plan, user=user, issue_date=today, confirm_warnings=True)
        else:
            plan = STEPS[step](plan=plan, user=user)
    return plan


def _issue(plan: Plan, user, *, number: int, date: datetime.date) -> Plan:
    """Issue as the seed cites it: the issue step takes the next number of the issuer's register,
    so the register is set to continue at that number just ahead of issuing; the seed's own format
    (no "TM." line, say) is kept, as confirmed."""
    register_set_next(
        issuer=plan.issuer, year=date.year, next_number=number, reason="Số của văn bản mẫu", user=user
    )
    return workflow.plan_issue(plan=plan, user=user, issue_date=date, confirm_warnings=True)


def _resolved(demo: Demo, values: dict) -> dict:
    """`values` with the keys of bodies and plans replaced by the rows they name."""
    resolved = dict(values)
    for name in ORGANIZATION_VALUES:
        if resolved.get(name) is not None:
            resolved[name] = demo.organizations[resolved[name]]
    if resolved.get("referenced_plan") is not None:
        resolved["referenced_plan"] = demo.plans[resolved["referenced_plan"]]
    return resolved


def _row(demo: Demo, part: str, number: int, item: dict, **refs: int | None) -> RowInput:
    values = {name: value for name, value in item.items() if name not in ORGANIZATION_LISTS}
    m2m = {
        name: [demo.organizations[key] for key in item[name]] for name in ORGANIZATION_LISTS if name in item
    }
    return RowInput(
        key=f"{part}-{number}", position=number, values=_resolved(demo, values), m2m=m2m, refs=refs
    )


def _rows(demo: Demo, part: str, items: Iterable[dict]) -> list[RowInput]:
    return [_row(demo, part, number, item) for number, item in enumerate(items, start=1)]


def _parts(demo: Demo, data: dict) -> dict[str, list[RowInput]]:
    """Every part of the plan as the services take it: rows refer to each other by number."""
    recipients = [{"text": item} if isinstance(item, str) else item for item in data.get("recipients", ())]
    return {
        "legal_bases": _rows(demo, "legal_bases", data.get("legal_bases", ())),
        "sections": _section_rows(demo, data.get("sections", ()), parent=None, rows=[]),
        "activities": _rows(demo, "activities", data.get("activities", ())),
        **_session_and_group_rows(demo, data),
        "duties": _rows(demo, "duties", data.get("duties", ())),
        "recipients": _rows(demo, "recipients", recipients),
    }


def _section_rows(demo: Demo, sections: Iterable[dict], *, parent: int | None, rows: list) -> list:
    """Sections depth first, numbered across the whole tree; a child names its parent's number."""
    for section in sections:
        section = dict(section)
        children = section.pop("children", ())
        number = len(rows) + 1
        rows.append(_row(demo, "sections", number, section, parent_number=parent))
        _section_rows(demo, children, parent=number, rows=rows)
    return rows


def _session_and_group_rows(demo: Demo, data: dict) -> dict[str, list[RowInput]]:
    """Classes, then the groups (the plan's own first, then each class's), then their breakdowns.

    A group's number runs across the whole plan, classes included; a breakdown is given in the
    data as (count, description) under its group.
    """
    sessions, placed = [], [(None, group) for group in data.get("groups", ())]
    for number, session in enumerate(data.get("sessions", ()), start=1):
        session = dict(session)
        placed += [(number, group) for group in session.pop("groups")]
        sessions.append(_row(demo, "sessions", number, session))
    groups, breakdowns = [], []
    for number, (session_number, group) in enumerate(placed, start=1):
        group = dict(group)
        for count, description in group.pop("breakdown", ()):
            part = {"count": count, "description": description}
            breakdowns.append(_row(demo, "breakdowns", len(breakdowns) + 1, part, group_number=number))
        groups.append(_row(demo, "groups", number, group, session_number=session_number))
    return {"sessions": sessions, "groups": groups, "breakdowns": breakdowns}
