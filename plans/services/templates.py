"""A new draft from the template of its kind: sections, texts, usual rows and the last signer."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster, Organization
from common.errors import ServiceError
from plans import plan_templates
from plans.choices import PlanKind
from plans.document_types import PLAN
from plans.legal import template_date, template_texts
from plans.models import Plan
from plans.parts import SIGNER_FIELDS
from plans.services.editing import ONE_ISSUER_MESSAGE, plan_create
from plans.services.rows import RowInput

KIND_INVALID_MESSAGE = "Loại kế hoạch không hợp lệ."
SUBJECT_REQUIRED_MESSAGE = "Kế hoạch trống cần có trích yếu: nhập trích yếu của kế hoạch."


def _latest_plan_of(issuer: Organization | Cluster) -> Plan | None:
    """The issuer's most recent plan that names its signer: a compact or a registration the issuer
    drew up since (other papers of the pipeline) may be signed otherwise, or not yet at all."""
    issuer_field = "cluster" if isinstance(issuer, Cluster) else "organization"
    plans = Plan.objects.filter(**{issuer_field: issuer}, document_type=PLAN).exclude(signer_name="")
    return plans.order_by("-year", "-created_at", "-pk").first()


def _template_text(text: str, context: dict[str, Any]) -> str:
    return text.format(**context)


def _section_rows(sections: Iterable[dict], context: dict, *, counter: list[int], parent: int | None) -> list:
    rows = []
    for section in sections:
        counter[0] += 1
        number = counter[0]
        rows.append(
            RowInput(
                key=f"sections-{number}",
                position=number,
                values={
                    "heading": _template_text(section.get("heading", ""), context),
                    "body": _template_text(section.get("body", ""), context),
                    "block": section.get("block", ""),
                    "hint": _template_text(section.get("hint", ""), context),
                },
                refs={"parent_number": parent},
            )
        )
        rows += _section_rows(section.get("children", ()), context, counter=counter, parent=number)
    return rows


def _rows(name: str, items: Iterable[dict], context: dict) -> list[RowInput]:
    return [
        RowInput(
            key=f"{name}-{number}",
            position=number,
            values={
                key: _template_text(value, context) if isinstance(value, str) else value
                for key, value in item.items()
            },
        )
        for number, item in enumerate(items, start=1)
    ]


@transaction.atomic
def plan_create_from_template(
    *,
    user,
    kind: str,
    organization: Organization | None = None,
    cluster: Cluster | None = None,
    year: int,
    blank: bool = False,
    subject: str = "",
) -> Plan:
    """A draft plan of `kind` for `year` with the template's sections, texts, rows and signer; or,
    `blank`, with the bare structure of a plan and nothing else.

    The signer is the one of the issuer's most recent plan (people sign many plans a year).
    """
    if kind not in PlanKind.values:
        raise ServiceError(KIND_INVALID_MESSAGE, field="kind")
    if (organization is None) == (cluster is None):
        raise ServiceError(ONE_ISSUER_MESSAGE, field="organization")
    issuer = organization or cluster
    subject = (subject or "").strip()
    if blank and not subject:
        raise ServiceError(SUBJECT_REQUIRED_MESSAGE, field="subject")
    template = plan_templates.BLANK if blank else plan_templates.TEMPLATES[kind]
    parent = organization.parent if organization is not None else cluster.organization
    context = {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "issuer": str(issuer),
        "parent": str(parent) if parent else "",
    }
    fields: dict[str, Any] = {
        "organization": organization,
        "cluster": cluster,
        "kind": kind,
        "year": year,
        "date_year": year,
        "subject": subject or _template_text(template["subject"], context),
        "preamble": _template_text(template["preamble"], context),
        "closing": _template_text(template["closing"], context),
        "budget_source": _template_text(
            template.get("budget_source", plan_templates.DEFAULT_BUDGET_SOURCE), context
        ),
        "archive_note": f"VT, {issuer.abbreviation}".strip(", "),
    }
    latest = _latest_plan_of(issuer)
    if latest is not None:
        fields.update({name: getattr(latest, name) for name in SIGNER_FIELDS})
    # The texts in force when the plan will be dated: today for this year's plan.
    legal_texts = template_texts(template_date(year, timezone.localdate()))
    bases = [{"legal_text": text, "text": ""} for text in legal_texts]
    recipients = [{"text": text} for text in plan_templates.DEFAULT_RECIPIENTS]
    if blank:
        bases, recipients = [], []
    parts = {
        "legal_bases": _rows("legal_bases", bases, context),
        "sections": _section_rows(template["sections"], context, counter=[0], parent=None),
        "activities": _rows("activities", template.get("activities", ()), context),
        "duties": [] if blank else _rows("duties", plan_templates.DEFAULT_DUTIES, context),
        "recipients": [row for row in _rows("recipients", recipients, context) if row.values["text"].strip()],
    }
    return plan_create(user=user, fields=fields, parts=parts)
