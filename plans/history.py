"""A plan's change log in words: each part named as the user knows it, each value as it is printed.

`describe_changes` turns the before/after values kept by `plans.audit` into rows for the history
page and the editor's "saved by someone else" box: a field with its value before and after; a part
with the rows added, removed and changed, and for a changed row each field before and after.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db.models import Field, Model

from plans.audit import LEGACY_PART_NAMES, comparable
from plans.choices import AuditAction, PlanStatus
from plans.models import AuditEntry, Plan
from plans.parts import PARTS_BY_NAME, Part

EMPTY = "(trống)"
# The state a step leaves the plan in; every other step leaves it as it was.
STATE_AFTER = {
    AuditAction.CREATED: PlanStatus.DRAFT,
    AuditAction.COPIED: PlanStatus.DRAFT,
    AuditAction.WITHDRAWN: PlanStatus.DRAFT,
    AuditAction.RETURNED: PlanStatus.DRAFT,
    AuditAction.SUBMITTED: PlanStatus.SUBMITTED,
    AuditAction.APPROVED: PlanStatus.APPROVED,
    AuditAction.ISSUED: PlanStatus.ISSUED,
}
NAME_LENGTH = 120


def without_drafts(entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """The entries after which the plan was not a draft, in the order given: what a reader who sees
    the plan only from its submission on (a member unit) may read. The drafts before a submission,
    and after a return or withdrawal, stay with the issuing body (`policy.sees_drafts`)."""
    entries = list(entries)
    state, shown = PlanStatus.DRAFT, set()
    for entry in sorted(entries, key=lambda entry: (entry.at, entry.pk)):
        state = STATE_AFTER.get(entry.action, state)
        if state != PlanStatus.DRAFT:
            shown.add(entry.pk)
    return [entry for entry in entries if entry.pk in shown]


class Names:
    """The names of the rows that logged values point to (units, clusters, plans), read at once."""

    def __init__(self, wanted: dict[type[Model], set[int]]):
        self.names = {
            model: {pk: str(obj) for pk, obj in model.objects.in_bulk(ids).items()}
            for model, ids in wanted.items()
            if ids
        }

    def of(self, model: type[Model], pk) -> str:
        return self.names.get(model, {}).get(pk, f"#{pk}")


def _fields(model: type[Model], row: dict) -> list[Field]:
    return [model._meta.get_field(name) for name in row if name != "id"]


def _wanted(*all_changes: dict) -> dict[type[Model], set[int]]:
    wanted: dict[type[Model], set[int]] = defaultdict(set)

    def collect(model: type[Model], row: dict) -> None:
        for field in _fields(model, row):
            value = row[field.name]
            if field.is_relation and value not in (None, ""):
                wanted[field.related_model] |= set(value) if isinstance(value, list) else {value}

    for key, change in (item for changes in all_changes for item in changes.items()):
        if key.startswith("plan."):
            name = key.removeprefix("plan.")
            collect(Plan, {name: change["before"]})
            collect(Plan, {name: change["after"]})
        elif (part := _part(key)) is not None:
            for row in [*(change["before"] or []), *(change["after"] or [])]:
                collect(part.model, row)
    return wanted


def _part(key: str) -> Part | None:
    return PARTS_BY_NAME.get(LEGACY_PART_NAMES.get(key, key))


def _date(value) -> str:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value:%d/%m/%Y}"


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    whole = f"{int(number):,}".replace(",", ".")
    fraction = str(abs(number) % 1)[2:].rstrip("0")
    return f"{whole},{fraction}" if fraction else whole


def display(field: Field, value, names: Names) -> str:
    """A logged value as the user reads it: a name, a choice's label, a date dd/mm/yyyy."""
    if value in (None, "", []):
        return EMPTY
    if field.many_to_many:
        return ", ".join(names.of(field.related_model, pk) for pk in value)
    if field.is_relation:
        return names.of(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "DateField":
        return _date(value)
    if field.get_internal_type() in ("DecimalField", "PositiveIntegerField", "IntegerField"):
        return _number(value)
    return str(value)


def _row_name(part: Part, row: dict, names: Names) -> str:
    for name in part.names:
        if row.get(name) not in (None, ""):
            text = display(part.model._meta.get_field(name), row[name], names)
            return " ".join(text.split())[:NAME_LENGTH]
    return f"{part.row_label} {row['order']}" if row.get("order") else part.row_label


def _keyed(rows: list[dict] | None) -> dict:
    """Rows keyed by their id; rows of old snapshots, which have none, by their position."""
    return {
        row.get("id") or ("order", row.get("order", row.get("organization", index))): row
        for index, row in enumerate(rows or [])
    }


def _row_changes(part: Part, before: dict, after: dict, names: Names) -> list[dict]:
    fields = []
    for field in _fields(part.model, {**before, **after}):
        old, new = before.get(field.name), after.get(field.name)
        if comparable(old) != comparable(new):
            fields.append(
                {
                    "label": str(field.verbose_name),
                    "before": display(field, old, names),
                    "after": display(field, new, names),
                }
            )
    return fields


def _describe_part(part: Part, change: dict, names: Names) -> dict:
    before, after = _keyed(change["before"]), _keyed(change["after"])
    changed = []
    for key, row in after.items():
        if key in before and comparable(before[key]) != comparable(row):
            fields = _row_changes(part, before[key], row, names)
            if fields:
                changed.append({"name": _row_name(part, row, names), "fields": fields})
    return {
        "kind": "part",
        "label": part.label,
        "added": [_row_name(part, row, names) for key, row in after.items() if key not in before],
        "removed": [_row_name(part, row, names) for key, row in before.items() if key not in after],
        "changed": changed,
    }


def describe_all(all_changes: list[dict]) -> list[list[dict]]:
    """`describe_changes` of several log entries, with the names they need read once for all, so a
    long history costs the same number of queries as a short one."""
    names = Names(_wanted(*all_changes))
    return [describe_changes(changes, names=names) for changes in all_changes]


def describe_changes(changes: dict, *, names: Names | None = None) -> list[dict]:
    """What changed, in words: [{"kind": "field", "label", "before", "after"}] for the plan's
    fields, and for each part {"kind": "part", "label", "added", "removed", "changed"}."""
    names = names or Names(_wanted(changes))
    described = []
    for key, change in changes.items():
        if key.startswith("plan."):
            field = Plan._meta.get_field(key.removeprefix("plan."))
            described.append(
                {
                    "kind": "field",
                    "label": str(field.verbose_name),
                    "before": display(field, change["before"], names),
                    "after": display(field, change["after"], names),
                }
            )
        elif (part := _part(key)) is not None:
            part_change = _describe_part(part, change, names)
            if part_change["added"] or part_change["removed"] or part_change["changed"]:
                described.append(part_change)
    return described
