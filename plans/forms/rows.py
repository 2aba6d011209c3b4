"""One form per row of each part of the plan."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from activities.choices import CountBound, GroupKind, PeriodKind
from activities.models import Activity, ActivityWave, ParticipantBreakdown, ParticipantGroup, Session
from common.forms import (
    DATE_INPUT_FORMATS,
    DateInput,
    LenientDecimalField,
    NumberInput,
)
from plans import section_blocks
from plans.choices import SectionBlock
from plans.document_types import PLAN
from plans.forms.catalog import Catalog
from plans.forms.page import EditorBoundField
from plans.forms.pickers import (
    CatalogChoiceField,
    CatalogFormMixin,
    PickerSelect,
    SharedSelect,
    organization_field,
)
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Recipient, Section
from plans.parts import PARTS_BY_NAME, Part
from plans.services import RowInput

MAX_ORDINAL = 9999
MAX_COUNT = 100_000
MAX_UNITS = 10_000
ROW_TOOLS = ("ordinal", "DELETE")  # fields shown in the row's tools, not among its fields


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------
def editor_fields(name: str) -> list[str]:
    """A row form's fields: the number of the row it belongs to, the declared fields, the unit lists."""
    part = PARTS_BY_NAME[name]
    return [*([part.ref.key] if part.ref else []), *part.fields, *part.m2m]


class RefField(forms.IntegerField):
    """The order number of another row (a parent section, a class, a group), chosen in a select."""

    def __init__(self, *, label, empty_label, ref, **kwargs):
        self.empty_label = empty_label
        super().__init__(
            label=label,
            required=False,
            min_value=0,
            max_value=MAX_ORDINAL,
            widget=SharedSelect(attrs={"data-ref": ref}),
            **kwargs,
        )


class RowForm(CatalogFormMixin, forms.ModelForm):
    """One row of a part of the plan; `ordinal` is its order number as the drafter sees it."""

    bound_field_class = EditorBoundField

    ordinal = forms.IntegerField(
        label="Thứ tự",
        required=False,
        min_value=0,
        max_value=MAX_ORDINAL,
        widget=NumberInput(attrs={"size": 3, "class": "number ordinal"}),
    )
    part: Part  # the part of the plan (plans.parts) whose rows this form edits
    # The field whose text names the row in the selects of rows that refer to it.
    label_field = ""
    # What the document prints as the row's number, when it has one (saved sections).
    printed_number: str | None = None

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""  # said once above the rows, not in every row
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        self.setup_catalog(catalog)
        # The options of a select are the same in every row of the part: written once per request.
        # (The selects of rows that refer to other rows get theirs from the editor.)
        for name, field in self.fields.items():
            widget = field.widget
            if (
                isinstance(widget, SharedSelect)
                and widget.options_key is None
                and name not in self.ref_fields
            ):
                widget.options_cache, widget.options_key = catalog.rendered, ("rows", self.part.name, name)

    @property
    def ref_fields(self) -> tuple[str, ...]:
        return (self.part.ref.key,) if self.part.ref else ()

    @property
    def m2m_fields(self) -> tuple[str, ...]:
        return self.part.m2m

    def has_changed(self):
        return any(name != "ordinal" for name in self.changed_data)

    @property
    def fields_block(self) -> str:
        """The row's fields, each in its box (the number and the delete box stand apart)."""
        return mark_safe(  # noqa: S308 - each block is escaped piece by piece
            "".join(field.block for field in self.visible_fields() if field.name not in ROW_TOOLS)
        )

    @property
    def hidden_block(self) -> str:
        return mark_safe("".join(conditional_escape(field) for field in self.hidden_fields()))  # noqa: S308

    def row_input(self) -> RowInput:
        data = self.cleaned_data
        model_fields = [
            name
            for name in self._meta.fields
            if name not in self.m2m_fields and name not in self.ref_fields and name in data
        ]
        return RowInput(
            key=self.prefix,
            pk=None if self.instance._state.adding else self.instance.pk,
            position=data.get("ordinal"),
            values={name: data[name] for name in model_fields},
            m2m={name: data.get(name) or [] for name in self.m2m_fields},
            refs={name: data.get(name) for name in self.ref_fields},
        )


class LegalBasisRowForm(RowForm):
    part = PARTS_BY_NAME["legal_bases"]
    legal_text = CatalogChoiceField(
        label="Văn bản pháp luật (nếu chọn thì để trống nội dung: in đủ số, ngày, cơ quan, trích yếu)",
        required=False,
        empty_label="— Không chọn —",
        widget=SharedSelect(attrs={"data-searchable": "true"}),
    )
    referenced_plan = CatalogChoiceField(
        label="Kế hoạch được thực hiện (nếu chọn thì có thể để trống nội dung)",
        required=False,
        empty_label="— Không chọn —",
        widget=PickerSelect(attrs={"data-searchable": "true"}),
    )
    catalog_fields = {"legal_text": "legal_texts", "referenced_plan": "plans"}

    class Meta:
        model = LegalBasis
        fields = editor_fields("legal_bases")
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "form": SharedSelect}


class SectionRowForm(RowForm):
    part = PARTS_BY_NAME["sections"]
    parent_number = RefField(
        label="Thuộc mục", empty_label="— Mục lớn (không thuộc mục nào) —", ref="sections"
    )
    label_field = "heading"

    class Meta:
        model = Section
        fields = editor_fields("sections")
        widgets = {"body": forms.Textarea(attrs={"rows": 4}), "block": SharedSelect}

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, catalog=catalog, **kwargs)
        # The plan's own blocks and those another app registered for this type of document; a value
        # already saved stays offered, so that saving the row never drops it.
        document_type = catalog.plan.document_type if catalog.plan else PLAN
        choices = section_blocks.registry.choices(document_type)
        if self.instance.block and self.instance.block not in dict(choices):
            choices.append((self.instance.block, SectionBlock(self.instance.block).label))
            self.fields["block"].widget.options_key = None  # this row's own options
        self.fields["block"].choices = choices
        if self.instance.hint:
            # The template's hint, in the box until the drafter types over it; never printed.
            self.fields["body"].widget.attrs["placeholder"] = self.instance.hint


QUARTER_CHOICES = [("", "—"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]
MONTH_CHOICES = [("", "—"), *((month, f"Tháng {month}") for month in range(1, 13))]


def period_field(label: str, choices: list) -> forms.TypedChoiceField:
    """A quarter or a month of the year, as a number."""
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, required=False, empty_value=None, widget=SharedSelect
    )


class WaveRowForm(RowForm):
    part = PARTS_BY_NAME["waves"]
    label_field = "name"

    class Meta:
        model = ActivityWave
        fields = editor_fields("waves")
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class ActivityRowForm(RowForm):
    part = PARTS_BY_NAME["activities"]
    wave_number = RefField(label="Thuộc đợt", empty_label="— Không thuộc đợt nào —", ref="waves")
    quarter = period_field("Quý", QUARTER_CHOICES)
    month = period_field("Tháng", MONTH_CHOICES)
    lead_organizations = organization_field("Đơn vị chủ trì (chọn trong danh mục)", multiple=True)
    coordinating_organizations = organization_field("Đơn vị phối hợp (chọn trong danh mục)", multiple=True)
    catalog_fields = {"lead_organizations": "organizations", "coordinating_organizations": "organizations"}

    class Meta:
        model = Activity
        fields = editor_fields("activities")
        widgets = {
            "content": forms.Textarea(attrs={"rows": 2}),
            "implementers_text": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "period_kind": SharedSelect(attrs={"data-period": "true"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and not self.initial.get("period_kind"):
            self.initial["period_kind"] = PeriodKind.QUARTER


class SessionRowForm(RowForm):
    part = PARTS_BY_NAME["sessions"]
    label_field = "name"

    class Meta:
        model = Session
        fields = editor_fields("sessions")
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class GroupRowForm(RowForm):
    part = PARTS_BY_NAME["groups"]
    session_number = RefField(label="Thuộc lớp", empty_label="— Không thuộc lớp nào —", ref="sessions")
    units = organization_field("Các đơn vị áp định mức", multiple=True)
    catalog_fields = {"units": "organizations"}
    label_field = "description"

    class Meta:
        model = ParticipantGroup
        fields = editor_fields("groups")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "count": NumberInput(attrs={"size": 5}),
            "unit_count": NumberInput(attrs={"size": 5}),
            "kind": SharedSelect(attrs={"data-group-kind": "true"}),
            "count_bound": SharedSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))
        self.fields["unit_count"].validators.append(MaxValueValidator(MAX_UNITS))
        if self.instance._state.adding and not self.initial.get("kind"):
            self.initial["kind"] = GroupKind.FIXED
        # A row sent without it (added by an older page) counts exactly, as every group did before.
        self.fields["count_bound"].required = False

    def clean_count_bound(self):
        return self.cleaned_data.get("count_bound") or CountBound.EXACT


class BreakdownRowForm(RowForm):
    part = PARTS_BY_NAME["breakdowns"]
    group_number = RefField(label="Thuộc nhóm", empty_label="— Chọn nhóm —", ref="groups")

    class Meta:
        model = ParticipantBreakdown
        fields = editor_fields("breakdowns")
        widgets = {"count": NumberInput(attrs={"size": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))


class BudgetLineRowForm(RowForm):
    part = PARTS_BY_NAME["budget_lines"]
    quantity = LenientDecimalField(
        label="Số lượng",
        max_digits=12,
        decimal_places=2,
        min_value=0,
        initial=Decimal(1),
        widget=NumberInput(attrs={"size": 6}, decimal=True),
    )
    unit_price = LenientDecimalField(
        label="Đơn giá (đồng)",
        max_digits=15,
        decimal_places=0,
        min_value=0,
        widget=NumberInput(attrs={"size": 12}, decimal=True),
    )

    class Meta:
        model = BudgetLine
        fields = editor_fields("budget_lines")


class ContributionRowForm(RowForm):
    part = PARTS_BY_NAME["contributions"]
    organization = organization_field("Đơn vị đóng góp")
    amount = LenientDecimalField(
        label="Số tiền (đồng)",
        max_digits=15,
        decimal_places=0,
        min_value=0,
        widget=NumberInput(attrs={"size": 12}, decimal=True),
    )
    catalog_fields = {"organization": "organizations"}

    class Meta:
        model = BudgetContribution
        fields = editor_fields("contributions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].required = True

    def _get_validation_exclusions(self):
        # One unit, one contribution: checked among the submitted rows by the service, not against
        # the saved rows (which a swap of two units would trip).
        return super()._get_validation_exclusions() | {"plan"}


class DutyRowForm(RowForm):
    part = PARTS_BY_NAME["duties"]
    organizations = organization_field("Đơn vị được giao (chọn trong danh mục)", multiple=True)
    catalog_fields = {"organizations": "organizations"}

    class Meta:
        model = Duty
        fields = editor_fields("duties")
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class RecipientRowForm(RowForm):
    part = PARTS_BY_NAME["recipients"]
    organization = organization_field("Cơ quan nhận (không bắt buộc)")
    catalog_fields = {"organization": "organizations"}

    class Meta:
        model = Recipient
        fields = editor_fields("recipients")
