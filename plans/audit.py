"""The change log of plans: what a plan and its parts looked like, and what changed, by whom.

Services take a `plan_snapshot` before a change and call `record_change` after it, inside the
same transaction, so the log and the change commit or fail together. Both read the plan's fields
and parts from `plans.parts`, so every part the editor saves is logged and described.
"""

import datetime
from decimal import Decimal

from django.db.models import Model

from plans.models import AuditEntry, Plan
from plans.parts import PARTS, PARTS_BY_NAME, PLAN_LOGGED_FIELDS, Part

# Snapshots written before the parts were declared in one place named this part differently; the
# log is append-only, so old snapshots are read under today's name.
LEGACY_PART_NAMES = {"participant_groups": "groups"}


def _value(obj: Model, name: str):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return sorted(item.pk for item in getattr(obj, name).all())
    if field.is_relation:
        return getattr(obj, field.attname)
    return getattr(obj, name)


def _row(part: Part, obj: Model) -> dict:
    row = {"id": obj.pk}
    for name in (*part.logged_fields, *part.m2m):
        row[name] = _value(obj, name)
    return row


def plan_snapshot(plan: Plan) -> dict:
    """The plan's fields and every part, as plain values, in a fixed number of queries."""
    plan = Plan.objects.get(pk=plan.pk)
    snapshot = {"plan": {name: _value(plan, name) for name in PLAN_LOGGED_FIELDS}}
    for part in PARTS:
        snapshot[part.name] = [_row(part, row) for row in part.rows(plan)]
    return snapshot


def _parts_of(snapshot: dict) -> dict:
    return {LEGACY_PART_NAMES.get(name, name): rows for name, rows in snapshot.items() if name != "plan"}


def comparable(value):
    """A value as the JSON of a stored snapshot holds it, so fresh and stored values compare."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value


def changes_between(before: dict, after: dict) -> dict:
    """{"plan.subject": {"before": …, "after": …}, "activities": {"before": [...], "after": [...]}}"""
    changes = {}
    for name, value in before["plan"].items():
        if comparable(after["plan"].get(name)) != comparable(value):
            changes[f"plan.{name}"] = {"before": value, "after": after["plan"].get(name)}
    old_parts, new_parts = _parts_of(before), _parts_of(after)
    for part in PARTS:
        old, new = old_parts.get(part.name) or [], new_parts.get(part.name) or []
        if comparable(old) != comparable(new):
            changes[part.name] = {"before": old, "after": new}
    return changes


def record_change(
    *, plan: Plan, actor, action: str, before: dict | None = None, note: str = ""
) -> AuditEntry:
    """Write one log row for `plan`: the whole plan as it now stands and, given the snapshot taken
    `before` the change, what changed."""
    after = plan_snapshot(plan)
    return AuditEntry.objects.create(
        plan=plan,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=changes_between(before, after) if before is not None else {},
        note=note,
        version=plan.version,
        snapshot=after,
    )


def changed_labels(entry: AuditEntry) -> list[str]:
    """What an update changed, in the words of the plan page: "trích yếu", "hoạt động"…"""
    labels = []
    for key in entry.changes:
        if key.startswith("plan."):
            labels.append(str(Plan._meta.get_field(key.removeprefix("plan.")).verbose_name))
        elif (part := PARTS_BY_NAME.get(LEGACY_PART_NAMES.get(key, key))) is not None:
            labels.append(part.label)
    return labels
