"""Writes of plans: create (blank or from a template), update with every part, copy.

Every function is keyword-only, takes the acting user, runs in one transaction, raises
`common.errors.ServiceError` when it refuses, and records its change-log row (plans.audit).
"""

from plans.services.copying import next_year_date, plan_copy, shift_year_in_text
from plans.services.editing import StalePlanError, plan_create, plan_preview, plan_update
from plans.services.rows import RowInput
from plans.services.templates import plan_create_from_template

__all__ = [
    "RowInput",
    "StalePlanError",
    "next_year_date",
    "plan_copy",
    "plan_create",
    "plan_create_from_template",
    "plan_preview",
    "plan_update",
    "shift_year_in_text",
]
