"""The change log of plans: what a plan and its parts looked like, and what changed, by whom.

Services take a `plan_snapshot` before a change and call `record_change` after it, inside the
same transaction, so the log and the change commit or fail together.
"""

from django.db.models import Model
from django.forms.models import model_to_dict

from clusters.models import Cluster, Organization
from plans.models import AuditEntry, Plan

# The plan's own fields that the log compares; the search column and timestamps are derived.
IGNORED_FIELDS = {"id", "plan", "search_text", "created_at", "updated_at"}
PARTS = (
    "legal_bases",
    "sections",
    "activities",
    "sessions",
    "participant_groups",
    "duties",
    "budget_lines",
    "contributions",
    "recipients",
)


def _row(instance: Model) -> dict:
    data = model_to_dict(instance)
    # model_to_dict gives related objects for many-to-many fields; the log keeps their ids.
    return {
        name: sorted(item.pk for item in value) if isinstance(value, list) else value
        for name, value in data.items()
        if name not in IGNORED_FIELDS
    }


def plan_snapshot(plan: Plan) -> dict:
    """The plan's fields and every part, as plain values, in a fixed number of queries."""
    plan = Plan.objects.get(pk=plan.pk)
    snapshot = {"plan": _row(plan)}
    for part in PARTS:
        rows = (
            getattr(plan, part).order_by("order", "pk")
            if part != "contributions"
            else plan.contributions.all()
        )
        many = [field.name for field in rows.model._meta.many_to_many]
        snapshot[part] = [_row(row) for row in rows.prefetch_related(*many)]
    return snapshot


def changes_between(before: dict, after: dict) -> dict:
    """{"plan.subject": {"before": …, "after": …}, "activities": {"before": [...], "after": [...]}}"""
    changes = {}
    for name, value in before["plan"].items():
        if after["plan"].get(name) != value:
            changes[f"plan.{name}"] = {"before": value, "after": after["plan"].get(name)}
    for part in PARTS:
        if before.get(part) != after.get(part):
            changes[part] = {"before": before.get(part), "after": after.get(part)}
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


PART_LABELS = {
    "legal_bases": "căn cứ",
    "sections": "các mục",
    "activities": "hoạt động",
    "sessions": "lớp, buổi",
    "participant_groups": "thành phần",
    "duties": "nhiệm vụ",
    "budget_lines": "dự toán kinh phí",
    "contributions": "đóng góp kinh phí",
    "recipients": "nơi nhận",
}


def changed_labels(entry: AuditEntry) -> list[str]:
    """What an update changed, in the words of the plan page: "trích yếu", "hoạt động"…"""
    labels = []
    for key in entry.changes:
        if key.startswith("plan."):
            field = Plan._meta.get_field(key.removeprefix("plan."))
            labels.append(str(field.verbose_name))
        elif key in PART_LABELS:
            labels.append(PART_LABELS[key])
    return labels


# Fields that name a row of a part in a readable diff, the first one filled in wins.
ROW_NAMES = ("content", "heading", "title", "name", "text", "item", "description", "full_name", "body")
PLAN_LINKS = {"organization": Organization, "budget_payer": Organization, "cluster": Cluster}


def _row_name(row: dict) -> str:
    for name in ROW_NAMES:
        if row.get(name):
            return str(row[name])[:120]
    return f"dòng {row.get('order', '')}".strip()


def _plan_value(name: str, value, names: dict) -> str:
    field = Plan._meta.get_field(name)
    if value in (None, ""):
        return "(trống)"
    if name in PLAN_LINKS:
        return names.get((name, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _by_position(rows: list[dict] | None) -> dict:
    """Rows keyed by their order number (a contribution, which has none, by its unit)."""
    return {row.get("order", row.get("organization", index)): row for index, row in enumerate(rows or [])}


def describe_changes(changes: dict) -> list[dict]:
    """What changed, in words: [{"label", "before", "after"}] for the plan's fields, and for each part
    {"label", "added": [...], "removed": [...], "changed": [...]} with the rows' names."""
    names = {}
    for name, model in PLAN_LINKS.items():
        change = changes.get(f"plan.{name}")
        if change:
            ids = [value for value in (change["before"], change["after"]) if value]
            names |= {(name, pk): str(obj) for pk, obj in model.objects.in_bulk(ids).items()}
    described = []
    for key, change in changes.items():
        if key.startswith("plan."):
            name = key.removeprefix("plan.")
            described.append(
                {
                    "kind": "field",
                    "label": str(Plan._meta.get_field(name).verbose_name),
                    "before": _plan_value(name, change["before"], names),
                    "after": _plan_value(name, change["after"], names),
                }
            )
        elif key in PART_LABELS:
            before = _by_position(change["before"])
            after = _by_position(change["after"])
            described.append(
                {
                    "kind": "part",
                    "label": PART_LABELS[key],
                    "added": [_row_name(row) for pk, row in after.items() if pk not in before],
                    "removed": [_row_name(row) for pk, row in before.items() if pk not in after],
                    "changed": [
                        _row_name(row) for pk, row in after.items() if pk in before and before[pk] != row
                    ],
                }
            )
    return described
