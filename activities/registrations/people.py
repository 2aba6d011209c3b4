"""A registered person: their fields, how what people type is tidied and checked, and the plan's list."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from activities.models import Registration, citizen_id_validator, phone_validator
from common.text import clean_text
from plans import policy
from plans.models import Plan

PERSON_FIELDS = ("full_name", "position", "phone", "citizen_id", "id_issue_date", "id_issue_place", "note")
# The fields that are personal data: masked where they must be, erased after the event.
PERSONAL_FIELDS = ("phone", "citizen_id", "id_issue_date", "id_issue_place")
EARLIEST_ISSUE_YEAR = 1950

# Messages (module constants, so that tests can assert the exact text).
NAME_REQUIRED = "Nhập họ và tên."
TOO_LONG = "Dài quá: tối đa {limit} ký tự (đang có {length})."
ISSUE_DATE_FUTURE = "Ngày cấp không được ở tương lai."
ISSUE_DATE_TOO_OLD = f"Ngày cấp không hợp lệ (trước năm {EARLIEST_ISSUE_YEAR})."
ISSUE_DATE_WITHOUT_ID = "Có ngày cấp, nơi cấp thì cần nhập cả số CCCD."

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def _text(value) -> str:
    return clean_text(str(value or ""), single_line=True)


def normalise_person(values: dict) -> dict:
    """Spaces trimmed; phone and citizen ID without the separators people type ("0912 345 678")."""
    person = {name: _text(values.get(name)) for name in PERSON_FIELDS if name != "id_issue_date"}
    person["phone"] = _PHONE_SEPARATORS.sub("", person["phone"])
    person["citizen_id"] = re.sub(r"[\s.]", "", person["citizen_id"])
    person["id_issue_date"] = values.get("id_issue_date") or None
    return person


def person_errors(person: dict, *, today: datetime.date | None = None) -> dict[str, list[str]]:
    """Messages by field for one normalised person; empty when every field is right."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = defaultdict(list)
    if not person["full_name"]:
        errors["full_name"].append(NAME_REQUIRED)
    for name in PERSON_FIELDS:
        limit = Registration._meta.get_field(name).max_length
        if limit and len(person[name]) > limit:
            errors[name].append(TOO_LONG.format(limit=limit, length=len(person[name])))
    for name, validator in (("phone", phone_validator), ("citizen_id", citizen_id_validator)):
        if person[name] and name not in errors:
            try:
                validator(person[name])
            except ValidationError as error:
                errors[name].extend(error.messages)
    issued = person["id_issue_date"]
    if issued is not None:
        if issued > today:
            errors["id_issue_date"].append(ISSUE_DATE_FUTURE)
        elif issued.year < EARLIEST_ISSUE_YEAR:
            errors["id_issue_date"].append(ISSUE_DATE_TOO_OLD)
    if (issued or person["id_issue_place"]) and not person["citizen_id"]:
        errors["citizen_id"].append(ISSUE_DATE_WITHOUT_ID)
    return dict(errors)


def registrations_of(plan: Plan, organization_ids: Iterable[int] | None = None) -> QuerySet[Registration]:
    """The plan's registrations, of the units given (by id) or of every unit."""
    rows = Registration.objects.filter(plan=plan).select_related("organization", "group__session")
    if organization_ids is not None:
        rows = rows.filter(organization__in=list(organization_ids))
    return rows.order_by("organization__name", "organization_id", "created_at", "pk")


def editable_registration(user, plan: Plan, registration_id: int) -> Registration:
    """A registration of the plan made by a unit the user registers for; others are not there (404)."""
    units = [unit.pk for unit in policy.registering_units(user, plan)]
    return Registration.objects.select_related("organization", "plan", "group__session").get(
        pk=registration_id, plan=plan, organization__in=units
    )
