"""The change log of plans: what a plan and its parts looked like, and what changed, by whom.

Services take a `plan_snapshot` before a change and call `record_change` after it, inside the
same transaction, so the log and the change commit or fail together.
"""

from django.db.models import Model
from django.forms.models import model_to_dict

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
    """Write one log row for `plan`; with `before`, it holds what changed since that snapshot."""
    after = plan_snapshot(plan)
    changes = changes_between(before, after) if before is not None else {"created": after}
    return AuditEntry.objects.create(
        plan=plan,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes=changes,
        note=note,
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
