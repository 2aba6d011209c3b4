"""What a plan is made of: its own fields and its parts, declared once.

The editor, the save and copy services, the change log (its snapshot and its history in words), the
document and the admin all read this declaration, so a part or a field added here reaches every one
of them, and `tests/plans/test_parts.py` fails when one of them forgets it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from activities.choices import ActivityStatus
from activities.models import Activity, ActivityWave, ParticipantBreakdown, ParticipantGroup, Session
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section

SIGNER_FIELDS = (
    "signer_on_behalf_of",
    "signer_authority",
    "signer_authority_of",
    "signer_title",
    "signer_position",
    "signer_name",
)
# The plan's own fields that the editor and the services set; number and status belong to the
# workflow, the version to the services.
PLAN_FIELDS = (
    "organization",
    "cluster",
    "document_type",
    "kind",
    "year",
    "subject",
    "addressee",
    "symbol",
    "place_name",
    "date_day",
    "date_month",
    "date_year",
    "preamble",
    "closing",
    "opening",
    "activity_numbering",
    "heading_numbering",
    "activity_layout",
    "period_label_style",
    "first_month",
    "activity_time_column",
    "venue",
    "clause_numbering",
    *SIGNER_FIELDS,
    "archive_note",
    "budget_source",
    "budget_payer",
    "budget_payer_duty",
    "registration_deadline",
)
# What the change log keeps of the plan besides PLAN_FIELDS: the workflow's fields.
PLAN_LOGGED_FIELDS = (*PLAN_FIELDS, "number", "status", "consultation_deadline", "corrects")
# Texts and dates that a copy to the next year moves on by one year.
PLAN_SHIFTED_TEXTS = ("subject", "preamble", "closing", "budget_source", "budget_payer_duty", "venue")
PLAN_SHIFTED_DATES = ("registration_deadline",)


@dataclass(frozen=True)
class Ref:
    """A row's link to another row of the same plan, given by that row's order number.

    `key` names the number in the input (RowInput.refs, the editor's select), `field` is the
    model's foreign key, `target` the part it points into.
    """

    key: str
    field: str
    target: str


@dataclass(frozen=True)
class Part:
    """One part of a plan: its rows, and what is edited, copied, logged and printed of them."""

    name: str
    model: type[Model]
    # How the user knows it: the part ("căn cứ") and one row of it ("Căn cứ 3").
    label: str
    row_label: str
    fields: tuple[str, ...]  # edited, saved, copied and logged (model fields, not refs or m2m)
    m2m: tuple[str, ...] = ()
    ref: Ref | None = None
    ordered: bool = True  # rows have an order number; unordered rows are replaced as a whole
    owner: str = "plan"  # the lookup from a row to its plan
    ordering: tuple[str, ...] = ("order", "pk")
    related: tuple[str, ...] = ()  # foreign keys read along with the rows
    # Fields that name a row in the history, the first one filled in wins.
    names: tuple[str, ...] = ()
    shifted_texts: tuple[str, ...] = ()
    shifted_dates: tuple[str, ...] = ()
    # Fields that follow the issued plan: logged, and back to these values in a copy.
    reset_on_copy: dict[str, Any] = field(default_factory=dict)

    @property
    def logged_fields(self) -> tuple[str, ...]:
        own = ("order",) if self.ordered else ()
        ref = (self.ref.field,) if self.ref else ()
        return (*own, *self.fields, *ref, *self.reset_on_copy)

    def queryset(self) -> QuerySet:
        """Rows of this part in the plan's order, with what they refer to."""
        rows = self.model.objects.prefetch_related(*self.m2m)
        related = (*self.related, *((self.ref.field,) if self.ref else ()))
        if related:
            rows = rows.select_related(*related)
        return rows.order_by(*self.ordering)

    def rows(self, plan: Plan) -> QuerySet:
        """The plan's rows of this part."""
        return self.queryset().filter(**{self.owner: plan})

    def prefetch(self, queryset: QuerySet | None = None) -> Prefetch:
        """The rows of a part owned by the plan, read along with plans (`queryset` narrows them)."""
        accessor = self.model._meta.get_field("plan").remote_field.related_name
        return Prefetch(accessor, queryset=queryset if queryset is not None else self.queryset())

    def new_row(self, plan: Plan) -> Model:
        return self.model(plan=plan) if self.owner == "plan" else self.model()


PARTS: tuple[Part, ...] = (
    Part(
        "legal_bases",
        LegalBasis,
        "căn cứ",
        "Căn cứ",
        fields=("form", "legal_text", "referenced_plan", "text"),
        related=("legal_text", "referenced_plan"),
        names=("text", "legal_text", "referenced_plan"),
    ),
    Part(
        "sections",
        Section,
        "các mục",
        "Mục",
        fields=("heading", "numbered", "block", "body"),
        ref=Ref("parent_number", "parent", "sections"),
        names=("heading", "body"),
        shifted_texts=("heading", "body"),
    ),
    Part(
        "waves",
        ActivityWave,
        "các đợt",
        "Đợt",
        fields=("name", "start_date", "end_date"),
        names=("name",),
        shifted_texts=("name",),
        shifted_dates=("start_date", "end_date"),
    ),
    Part(
        "activities",
        Activity,
        "hoạt động",
        "Hoạt động",
        fields=(
            "content",
            "period_kind",
            "quarter",
            "month",
            "start_date",
            "end_date",
            "timing_text",
            "implementers_text",
            "place",
        ),
        m2m=("lead_organizations", "coordinating_organizations"),
        ref=Ref("wave_number", "wave", "waves"),
        names=("content",),
        shifted_texts=("content", "timing_text", "implementers_text", "place"),
        shifted_dates=("start_date", "end_date"),
        # A copy is a new plan: nothing of it has been carried out yet.
        reset_on_copy={"status": ActivityStatus.NOT_STARTED, "completed_on": None, "result_note": ""},
    ),
    Part(
        "sessions",
        Session,
        "lớp, buổi",
        "Lớp",
        fields=("name", "duration", "timing_text", "start_date", "end_date", "place"),
        names=("name",),
        shifted_texts=("name", "duration", "timing_text", "place"),
        shifted_dates=("start_date", "end_date"),
    ),
    Part(
        "groups",
        ParticipantGroup,
        "thành phần",
        "Nhóm",
        fields=(
            "kind",
            "description",
            "honorific",
            "full_name",
            "position",
            "count_bound",
            "count",
            "noun",
            "unit_count",
        ),
        m2m=("units",),
        ref=Ref("session_number", "session", "sessions"),
        names=("description", "full_name"),
        shifted_texts=("description", "noun"),
    ),
    Part(
        "breakdowns",
        ParticipantBreakdown,
        "cơ cấu thành phần",
        "Cơ cấu",
        fields=("count", "description"),
        ref=Ref("group_number", "group", "groups"),
        owner="group__plan",
        ordering=("group__order", "order", "pk"),
        names=("description",),
        shifted_texts=("description",),
    ),
    Part(
        "budget_lines",
        BudgetLine,
        "dự toán kinh phí",
        "Dòng dự toán",
        fields=("item", "quantity", "unit", "unit_price"),
        names=("item",),
        shifted_texts=("item",),
    ),
    Part(
        "contributions",
        BudgetContribution,
        "đóng góp kinh phí",
        "Đóng góp",
        fields=("organization", "amount", "note"),
        # One row per unit, unordered: replaced as a whole on save.
        ordered=False,
        ordering=("organization__name", "pk"),
        related=("organization",),
        names=("organization",),
        shifted_texts=("note",),
    ),
    Part(
        "duties",
        Duty,
        "nhiệm vụ",
        "Nhiệm vụ",
        fields=("title", "body"),
        m2m=("organizations",),
        names=("title", "body"),
        shifted_texts=("title", "body"),
    ),
    Part(
        "recipients",
        Recipient,
        "nơi nhận",
        "Nơi nhận",
        fields=("text", "organization"),
        names=("text",),
        shifted_texts=("text",),
    ),
)
PARTS_BY_NAME: dict[str, Part] = {part.name: part for part in PARTS}
PART_NAMES: tuple[str, ...] = tuple(PARTS_BY_NAME)
# A part is written after the part it refers to (PARTS lists them so) and deleted before it.
WRITE_ORDER = PART_NAMES
DELETE_ORDER = tuple(reversed(PART_NAMES))


def owned_parts(part: Part) -> list[Part]:
    """The parts whose rows belong to the plan through a row of `part` (a group's breakdown)."""
    return [other for other in PARTS if other.owner != "plan" and other.ref and other.ref.target == part.name]
