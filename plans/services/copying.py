"""Copies of a plan: the same plan again, the plan of the next year, or the correction of an issued one.

A copy walks `plans.parts.PARTS`, so every part (and every field the declaration names) is copied,
with links between rows (a section's parent, a group's class, a breakdown's group) pointing to the
new rows. Registrations and what was carried out are not copied: a copy is a new plan.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from plans.audit import record_change
from plans.choices import AuditAction, PlanStatus
from plans.models import Plan
from plans.parts import PARTS, PLAN_SHIFTED_DATES, PLAN_SHIFTED_TEXTS, Part
from plans.services.editing import check_issuer
from plans.services.rows import RowErrors


def shift_year_in_text(text: str, year: int) -> str:
    """The plan's year, where the text names it as a year, moved on by one.

    "năm 2024" -> "năm 2025", "31/8/2024" -> "31/8/2025", "7/2024" -> "7/2025",
    "Quý II/2024" -> "Quý II/2025"; other numbers ("2023", "giai đoạn 2021-2025") and document
    numbers ("98/2024/NĐ-CP") stay.
    """
    pattern = re.compile(
        rf"(?P<lead>\bnăm\s+|(?<![\d/])\d{{1,2}}/(?:\d{{1,2}}/)?|\bquý\s+[ivx]+\s*/\s*){year}(?![\d/])",
        re.IGNORECASE,
    )
    return pattern.sub(lambda match: f"{match['lead']}{year + 1}", text or "")


def next_year_date(day: datetime.date | None) -> datetime.date | None:
    """The same day a year later; 29 February becomes 28 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _shift(obj: Model, texts: tuple[str, ...], dates: tuple[str, ...], year: int) -> None:
    for name in texts:
        setattr(obj, name, shift_year_in_text(getattr(obj, name), year))
    for name in dates:
        setattr(obj, name, next_year_date(getattr(obj, name)))


def _parents_first(rows: list[Model], parent_id: str) -> list[Model]:
    """Rows of a tree ordered so that every row comes after its parent."""
    placed: set[int] = set()
    ordered: list[Model] = []
    pending = rows
    while pending:
        ready = [row for row in pending if getattr(row, parent_id) in (None, *placed)]
        if not ready:
            break  # an orphan cannot happen with the foreign key; never loop forever
        ordered += ready
        placed |= {row.pk for row in ready}
        pending = [row for row in pending if row.pk not in placed]
    return ordered


def _copy_part(part: Part, source: Plan, copy: Plan, copied: dict[str, dict[int, Model]], year: int | None):
    """Insert a copy of each row of `part`; returns the new rows by the old rows' ids."""
    rows = list(part.rows(source))
    if part.ref and part.ref.target == part.name:
        rows = _parents_first(rows, f"{part.ref.field}_id")
    new_rows = copied.setdefault(part.name, {})
    for row in rows:
        related = {name: list(getattr(row, name).all()) for name in part.m2m}
        old_pk, target_pk = row.pk, getattr(row, f"{part.ref.field}_id") if part.ref else None
        row.pk, row._state.adding = None, True
        if part.owner == "plan":
            row.plan = copy
        if part.ref:
            setattr(row, part.ref.field, copied[part.ref.target].get(target_pk))
        for name, value in part.reset_on_copy.items():
            setattr(row, name, value)
        if year is not None:
            _shift(row, part.shifted_texts, part.shifted_dates, year)
        row.save()
        for name, objects in related.items():
            getattr(row, name).set(objects)
        new_rows[old_pk] = row
    return new_rows


def _new_draft(source: Plan, user, *, to_next_year: bool, as_correction: bool) -> Plan:
    """The plan's own fields as a new draft: no number, no day, nothing of the workflow."""
    copy = Plan.objects.get(pk=source.pk)
    copy.pk, copy._state.adding = None, True
    copy.number = copy.date_day = None
    copy.consultation_deadline = copy.registration_reopened_until = copy.consultation_closed_at = None
    copy.status, copy.version = PlanStatus.DRAFT, 1
    copy.corrects = source if as_correction else None
    if to_next_year:
        _shift(copy, PLAN_SHIFTED_TEXTS, PLAN_SHIFTED_DATES, source.year)
        copy.year += 1
        copy.date_year += 1
    check_issuer(user, {"organization": copy.organization, "cluster": copy.cluster, "year": copy.year})
    try:
        copy.full_clean(exclude={"search_text"})
    except ValidationError as error:
        errors = RowErrors()
        errors.add_validation(error, errors.add_plan)
        raise errors.exception() from error
    copy.save()
    return copy


@transaction.atomic
def plan_copy(*, plan: Plan, user, to_next_year: bool = False, as_correction: bool = False) -> Plan:
    """A new draft with a copy of every part of `plan`.

    The copy has no number and no day (the records clerk sets them on issue). With `to_next_year`,
    the year, the signing year and every date move on one year, and so does the plan's year where
    the texts name it. `as_correction` makes it the new version of an issued plan, linked to it.
    """
    source = Plan.objects.get(pk=plan.pk)
    copy = _new_draft(source, user, to_next_year=to_next_year, as_correction=as_correction)
    copied: dict[str, dict[int, Model]] = {}
    for part in PARTS:
        _copy_part(part, source, copy, copied, source.year if to_next_year else None)
    if as_correction:
        note = f"Bản sửa đổi, thay thế kế hoạch số {source.full_symbol} ngày {source.short_date}"
        record_change(plan=source, actor=user, action=AuditAction.CORRECTION_STARTED, note=note)
    note = f"Sao chép từ kế hoạch {source.full_symbol} (#{source.pk})"
    record_change(plan=copy, actor=user, action=AuditAction.COPIED, note=note)
    return copy
