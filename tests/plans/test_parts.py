"""The declaration of a plan's parts (plans.parts) is read by every consumer, and none forgets a part.

Each test walks `PARTS`: a part or a field added to the declaration and forgotten by the editor, the
services, the copy, the change log, its history in words, the document or the admin fails here.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib import admin

from activities.choices import GroupKind, PeriodKind
from plans import services
from plans.admin import PlanAdmin
from plans.audit import changes_between, plan_snapshot
from plans.choices import ActivityLayout, AuditAction, SectionBlock
from plans.documents import build_plan_context
from plans.forms.formsets import EDITOR_PARTS
from plans.history import describe_changes
from plans.models import AuditEntry, Plan
from plans.parts import PARTS, PARTS_BY_NAME, PLAN_FIELDS, WRITE_ORDER
from plans.services import RowInput

pytestmark = pytest.mark.django_db


def test_every_part_has_an_editor_form_for_every_declared_field():
    assert list(EDITOR_PARTS) == [part.name for part in PARTS]
    for part in PARTS:
        form = EDITOR_PARTS[part.name].form
        expected = {*part.fields, *part.m2m, *([part.ref.key] if part.ref else [])}
        assert set(form._meta.fields) == expected, part.name


def test_a_part_is_written_after_the_part_it_refers_to():
    for part in PARTS:
        if part.ref and part.ref.target != part.name:
            assert WRITE_ORDER.index(part.ref.target) < WRITE_ORDER.index(part.name), part.name


def test_every_part_shows_on_the_admin_page_of_its_owner():
    plan_inlines = {inline.model for inline in PlanAdmin.inlines}
    every_inline = {
        inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    }
    for part in PARTS:
        assert part.model in (plan_inlines if part.owner == "plan" else every_inline), part.name


def _marker(part) -> str:
    return f"Dấu {part.name}"


def _one_row_of_every_part(world) -> dict[str, list[RowInput]]:
    """A row in each part, its naming text marked, and sections that print every block."""
    unit = world.member
    blocks = [
        SectionBlock.ACTIVITIES,
        SectionBlock.SESSIONS,
        SectionBlock.PARTICIPANTS,
        SectionBlock.BUDGET,
        SectionBlock.DUTIES,
    ]
    sections = [
        RowInput(key=f"s{n}", position=n, values={"heading": f"Mục {n}", "block": block})
        for n, block in enumerate(blocks, start=1)
    ]
    marked = {"heading": "Mục 6", "body": _marker(PARTS_BY_NAME["sections"])}
    sections.append(RowInput(key="s6", position=6, values=marked))
    return {
        "legal_bases": [
            RowInput(key="b1", position=1, values={"text": _marker(PARTS_BY_NAME["legal_bases"])})
        ],
        "sections": sections,
        "waves": [
            RowInput(
                key="w1",
                position=1,
                values={"name": _marker(PARTS_BY_NAME["waves"]), "start_date": datetime.date(2024, 3, 1)},
            )
        ],
        "activities": [
            RowInput(
                key="a1",
                position=1,
                values={
                    "content": _marker(PARTS_BY_NAME["activities"]),
                    "period_kind": PeriodKind.QUARTER,
                    "quarter": 2,
                },
                m2m={"lead_organizations": [unit]},
                refs={"wave_number": 1},
            )
        ],
        "sessions": [RowInput(key="l1", position=1, values={"name": _marker(PARTS_BY_NAME["sessions"])})],
        "groups": [
            RowInput(
                key="g1",
                position=1,
                values={
                    "kind": GroupKind.PER_UNIT,
                    "description": _marker(PARTS_BY_NAME["groups"]),
                    "count": 2,
                },
                m2m={"units": [unit]},
                refs={"session_number": None},
            )
        ],
        "breakdowns": [
            RowInput(
                key="c1",
                position=1,
                values={"count": 2, "description": _marker(PARTS_BY_NAME["breakdowns"])},
                refs={"group_number": 1},
            )
        ],
        "budget_lines": [
            RowInput(
                key="d1",
                position=1,
                values={
                    "item": _marker(PARTS_BY_NAME["budget_lines"]),
                    "quantity": Decimal(1),
                    "unit_price": 700_000,
                },
            )
        ],
        "contributions": [
            RowInput(
                key="m1",
                values={
                    "organization": unit,
                    "amount": 700_000,
                    "note": _marker(PARTS_BY_NAME["contributions"]),
                },
            )
        ],
        "duties": [
            RowInput(
                key="n1",
                position=1,
                values={"title": _marker(PARTS_BY_NAME["duties"])},
                m2m={"organizations": [unit]},
            )
        ],
        "recipients": [RowInput(key="r1", position=1, values={"text": _marker(PARTS_BY_NAME["recipients"])})],
    }


@pytest.fixture
def full_plan(world):
    """A draft with a row in every part, written through the service."""
    plan = world.own_plan
    # In waves, so that the document prints the wave too.
    fields = {**{name: getattr(plan, name) for name in PLAN_FIELDS}, "activity_layout": ActivityLayout.WAVES}
    return services.plan_update(
        plan=plan, user=world.users["drafter"], fields=fields, parts=_one_row_of_every_part(world)
    )


def test_the_service_saves_and_the_log_keeps_every_part_and_every_declared_field(full_plan):
    snapshot = AuditEntry.objects.filter(plan=full_plan).latest("at", "pk").snapshot
    for part in PARTS:
        (row,) = [row for row in snapshot[part.name] if _marker(part) in json.dumps(row, ensure_ascii=False)]
        assert set(row) == {"id", *part.logged_fields, *part.m2m}, part.name


def test_the_document_prints_a_row_of_every_part(full_plan):
    context = json.dumps(build_plan_context(full_plan), ensure_ascii=False)
    for part in PARTS:
        if part.name == "contributions":
            continue  # printed as its unit and amount, which the budget block shows
        assert _marker(part) in context, part.name


def test_a_copy_carries_every_part_and_field(full_plan, world):
    copy = services.plan_copy(plan=full_plan, user=world.users["drafter"])
    source, copied = plan_snapshot(full_plan), plan_snapshot(copy)
    for part in PARTS:
        strip = {"id", part.ref.field} if part.ref else {"id"}
        assert [{k: v for k, v in row.items() if k not in strip} for row in copied[part.name]] == [
            {k: v for k, v in row.items() if k not in strip} for row in source[part.name]
        ], part.name


@pytest.mark.parametrize("part", PARTS, ids=lambda part: part.name)
def test_a_change_to_any_field_of_any_part_is_logged_and_described(full_plan, part):
    before = plan_snapshot(full_plan)
    after = json.loads(json.dumps(before, default=str))
    row = next(row for row in after[part.name] if _marker(part) in json.dumps(row, ensure_ascii=False))
    for name in part.fields:
        changed = json.loads(json.dumps(after))
        changed_row = next(item for item in changed[part.name] if item["id"] == row["id"])
        changed_row[name] = _other_value(part, name, changed_row[name])
        changes = changes_between(before, changed)
        assert list(changes) == [part.name], (part.name, name)
        (described,) = describe_changes(changes)
        assert described["label"] == part.label
        (row_change,) = described["changed"]
        label = str(part.model._meta.get_field(name).verbose_name)
        assert [field["label"] for field in row_change["fields"]] == [label], (part.name, name)


def _other_value(part, name, value):
    field = part.model._meta.get_field(name)
    if field.choices:
        return next(choice for choice, _ in field.flatchoices if choice != value and choice != "")
    if field.is_relation:
        return (value or 0) + 100_000
    kind = field.get_internal_type()
    if kind == "DateField":
        return (datetime.date(2024, 5, 1) if value != "2024-05-01" else datetime.date(2024, 6, 1)).isoformat()
    if kind in ("DecimalField", "PositiveIntegerField", "PositiveSmallIntegerField", "IntegerField"):
        return str(int(Decimal(str(value or 0))) + 1)
    return f"{value or ''} (sửa)"


def test_a_breakdown_edit_shows_in_the_history_with_before_and_after(full_plan, world, client):
    parts = _one_row_of_every_part(world)
    breakdown = full_plan.participant_groups.get().breakdown.get()
    group = full_plan.participant_groups.get()
    session = full_plan.sessions.get()
    parts = {
        "sessions": [RowInput(key="l1", pk=session.pk, position=1, values={"name": session.name})],
        "groups": [
            RowInput(
                key="g1",
                pk=group.pk,
                position=1,
                values={"kind": group.kind, "description": group.description, "count": 2},
                m2m={"units": [world.member]},
                refs={"session_number": None},
            )
        ],
        "breakdowns": [
            RowInput(
                key="c1",
                pk=breakdown.pk,
                position=1,
                values={"count": 2, "description": "giáo viên"},
                refs={"group_number": 1},
            )
        ],
    }
    fields = {name: getattr(full_plan, name) for name in PLAN_FIELDS}
    services.plan_update(
        plan=Plan.objects.get(pk=full_plan.pk), user=world.users["drafter"], fields=fields, parts=parts
    )
    entry = AuditEntry.objects.filter(plan=full_plan, action=AuditAction.UPDATED).latest("at", "pk")
    assert list(entry.changes) == ["breakdowns"]
    client.force_login(world.users["drafter"])
    page = client.get(f"/plans/{full_plan.pk}/history/").content.decode()
    assert "Cơ cấu thành phần" in page
    assert f"Thành phần: {_marker(PARTS_BY_NAME['breakdowns'])} → giáo viên" in page


def test_a_save_that_changes_nothing_writes_no_history(full_plan, world):
    count = AuditEntry.objects.filter(plan=full_plan).count()
    version = Plan.objects.get(pk=full_plan.pk).version
    fields = {name: getattr(full_plan, name) for name in PLAN_FIELDS}
    services.plan_update(plan=Plan.objects.get(pk=full_plan.pk), user=world.users["drafter"], fields=fields)
    assert AuditEntry.objects.filter(plan=full_plan).count() == count
    assert Plan.objects.get(pk=full_plan.pk).version == version


def _update(plan, user, *, fields=None, parts=None):
    current = Plan.objects.get(pk=plan.pk)
    values = {name: getattr(current, name) for name in PLAN_FIELDS}
    services.plan_update(plan=current, user=user, fields={**values, **(fields or {})}, parts=parts)
    entry = AuditEntry.objects.filter(plan=plan, action=AuditAction.UPDATED).latest("at", "pk")
    return describe_changes(entry.changes)


def test_the_history_prints_dates_day_first_and_names_units_not_rows(full_plan, world):
    user = world.users["drafter"]
    (change,) = _update(full_plan, user, fields={"registration_deadline": datetime.date(2024, 8, 31)})
    assert (change["label"], change["before"], change["after"]) == (
        "hạn đăng ký danh sách",
        "(trống)",
        "31/08/2024",
    )
    rows = [
        RowInput(
            key="m1", values={"organization": world.member, "amount": 700_000, "note": "Đã chuyển khoản"}
        ),
    ]
    (change,) = _update(full_plan, user, parts={"contributions": rows})
    assert change["label"] == "đóng góp kinh phí"
    assert str(world.member) in change["added"] + [row["name"] for row in change["changed"]]
    assert change["removed"] == [str(world.member)]  # replaced as a whole, named by its unit


def test_a_section_added_between_others_is_logged_under_its_own_heading(full_plan, world):
    sections = list(full_plan.sections.order_by("order"))
    rows = [
        RowInput(
            key=f"s{n}",
            pk=section.pk,
            position=n * 10,
            values={"heading": section.heading, "body": section.body, "block": section.block},
        )
        for n, section in enumerate(sections, start=1)
    ]
    rows.append(RowInput(key="new", position=15, values={"heading": "Mục mới chen giữa"}))
    (change,) = _update(full_plan, world.users["drafter"], parts={"sections": rows})
    assert change["added"] == ["Mục mới chen giữa"]
    assert change["removed"] == []
    assert {field["label"] for row in change["changed"] for field in row["fields"]} == {"thứ tự"}
