"""One form per row of each part of the plan, and the formsets that hold them."""

import functools
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.forms.models import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from common.forms import (
    DATE_INPUT_FORMATS,
    MESSAGES,
    DateInput,
    LenientDecimalField,
    NumberInput,
)
from plans.forms.catalog import Catalog, CatalogChoiceField, CatalogFormMixin, organization_field
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section
from plans.parts import PARTS, PARTS_BY_NAME, Part
from plans.services import RowInput

MULTIPLE_HINT = "Trong danh sách đơn vị, giữ phím Ctrl khi bấm để chọn (hoặc bỏ chọn) nhiều đơn vị."
MAX_ORDINAL = 9999
MAX_COUNT = 100_000
MAX_UNITS = 10_000

MANAGEMENT_FORM_MESSAGE = (
    "Dữ liệu của bảng bị thiếu hoặc đã bị sửa (thiếu %(field_names)s). Hãy tải lại trang rồi nhập lại."
)


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
            widget=forms.Select(attrs={"data-ref": ref}),
            **kwargs,
        )


class RowForm(CatalogFormMixin, forms.ModelForm):
    """One row of a part of the plan; `ordinal` is its order number as the drafter sees it."""

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

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""  # said once above the rows, not in every row
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        self.setup_catalog(catalog)

    @property
    def ref_fields(self) -> tuple[str, ...]:
        return (self.part.ref.key,) if self.part.ref else ()

    @property
    def m2m_fields(self) -> tuple[str, ...]:
        return self.part.m2m

    def has_changed(self):
        return any(name != "ordinal" for name in self.changed_data)

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
    referenced_plan = CatalogChoiceField(
        label="Kế hoạch được thực hiện (nếu chọn thì có thể để trống nội dung)",
        required=False,
        empty_label="— Không chọn —",
        widget=forms.Select(attrs={"data-searchable": "true"}),
    )
    catalog_fields = {"referenced_plan": "plans"}

    class Meta:
        model = LegalBasis
        fields = editor_fields("legal_bases")
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class SectionRowForm(RowForm):
    part = PARTS_BY_NAME["sections"]
    parent_number = RefField(
        label="Thuộc mục", empty_label="— Mục lớn (không thuộc mục nào) —", ref="sections"
    )
    label_field = "heading"

    class Meta:
        model = Section
        fields = editor_fields("sections")
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


QUARTER_CHOICES = [("", "—"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]
MONTH_CHOICES = [("", "—"), *((month, f"Tháng {month}") for month in range(1, 13))]


class ActivityRowForm(RowForm):
    part = PARTS_BY_NAME["activities"]
    quarter = forms.TypedChoiceField(
        label="Quý", choices=QUARTER_CHOICES, coerce=int, required=False, empty_value=None
    )
    month = forms.TypedChoiceField(
        label="Tháng", choices=MONTH_CHOICES, coerce=int, required=False, empty_value=None
    )
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
            "period_kind": forms.Select(attrs={"data-period": "true"}),
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
            "kind": forms.Select(attrs={"data-group-kind": "true"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))
        self.fields["unit_count"].validators.append(MaxValueValidator(MAX_UNITS))
        if self.instance._state.adding and not self.initial.get("kind"):
            self.initial["kind"] = GroupKind.FIXED


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


# ---------------------------------------------------------------------------
# Formsets
# ---------------------------------------------------------------------------
class RowFormSetMixin:
    default_error_messages = {
        "missing_management_form": MANAGEMENT_FORM_MESSAGE,
        "too_many_forms": "Nhiều dòng quá: tối đa %(num)d dòng.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }
    # Set by PlanEditor before the forms are built: order numbers of the saved rows, and the
    # numbers of the rows they refer to.
    ordinals: dict[int, int] = {}
    ref_initial: dict[int, int | None] = {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        instance = form.instance
        if not instance._state.adding and instance.pk in self.ordinals:
            form.initial["ordinal"] = self.ordinals[instance.pk]
            for name in form.ref_fields:
                form.initial[name] = self.ref_initial.get(instance.pk)
        return form

    def get_unique_error_message(self, unique_check):
        return "Có dòng bị trùng; mỗi giá trị chỉ được nhập một lần."

    def get_form_error(self):
        return "Hãy sửa dòng bị trùng dưới đây."

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Xoá dòng này"
        pk_name = self.model._meta.pk.name
        if pk_name in form.fields:
            form.fields[pk_name].error_messages.update(MESSAGES)

    def live_forms(self):
        """The forms that will be saved: not marked for deletion, and not blank extra rows."""
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            yield form


class RowInlineFormSet(RowFormSetMixin, BaseInlineFormSet):
    pass


class OwnedRowFormSet(RowFormSetMixin, BaseModelFormSet):
    """Rows that belong to the plan through another row (a breakdown through its group)."""

    part: Part  # set by the editor

    def __init__(self, data=None, *, instance: Plan, **kwargs):
        self.instance = instance
        kwargs.setdefault("queryset", self.model.objects.filter(**{self.part.owner: instance}))
        super().__init__(data, **kwargs)


def _formset(part: Part, form: type[RowForm]):
    """The formset of a part: inline on the plan, or over the plan's rows of a part owned by a row."""
    if part.owner == "plan":
        return inlineformset_factory(
            Plan,
            part.model,
            fk_name="plan",
            form=form,
            formset=RowInlineFormSet,
            extra=1,
            can_delete=True,
            fields=form._meta.fields,
        )
    formset = modelformset_factory(
        part.model, form=form, formset=OwnedRowFormSet, extra=1, can_delete=True, fields=form._meta.fields
    )
    formset.part = part
    return formset


@dataclass(frozen=True)
class EditorPart:
    """A part of the plan (plans.parts) as the edit page shows it: its rows' form, title and hint."""

    part: Part
    form: type[RowForm]
    title: str
    hint: str
    collapsible: bool = False  # folded away while the plan has no such rows

    @property
    def name(self) -> str:
        return self.part.name

    @property
    def legend(self) -> str:
        return self.part.row_label

    @property
    def ordered(self) -> bool:
        return self.part.ordered

    @functools.cached_property
    def formset(self):
        return _formset(self.part, self.form)


# How the edit page shows each part; every part of plans.parts must have one (KeyError otherwise).
_EDITOR = {
    "legal_bases": (
        LegalBasisRowForm,
        "Căn cứ",
        "Mỗi dòng một văn bản. Không gõ “Căn cứ”/“Thực hiện” và dấu câu cuối: chúng được thêm khi in.",
    ),
    "sections": (
        SectionRowForm,
        "Các mục của kế hoạch",
        "Không gõ số thứ tự I., 1., a): chúng được đánh tự động. Mục con chọn “Thuộc mục” là số của mục cha. "
        "Trong nội dung, mỗi đoạn một dòng; “- ” gạch đầu dòng, “+ ” ý con, **chữ đậm**.",
    ),
    "activities": (
        ActivityRowForm,
        "Hoạt động",
        "Chọn thời gian theo quý, tháng hoặc ngày. Đơn vị thực hiện ghi bằng chữ (mỗi đơn vị một dòng), "
        "hoặc chọn đơn vị chủ trì, phối hợp trong danh mục. " + MULTIPLE_HINT,
    ),
    "sessions": (
        SessionRowForm,
        "Các lớp (buổi)",
        "Mỗi lớp một dòng, ví dụ “Lớp thứ nhất”. Thành phần của lớp nhập ở phần “Thành phần, số lượng”.",
    ),
    "groups": (
        GroupRowForm,
        "Thành phần, số lượng",
        "Khách mời đích danh tính 1 người; số lượng cố định tính đúng số đó; định mức mỗi đơn vị nhân với số "
        "đơn vị được chọn; định mức theo loại đơn vị nhân với “số đơn vị”. Tổng số người được tính tự động. "
        + MULTIPLE_HINT,
    ),
    "breakdowns": (
        BreakdownRowForm,
        "Cơ cấu thành phần của nhóm định mức",
        "Ví dụ: 15 người gồm 01 lãnh đạo, 01 cán bộ, 13 giáo viên. Các dòng của một nhóm phải cộng lại bằng "
        "định mức của nhóm.",
    ),
    "budget_lines": (
        BudgetLineRowForm,
        "Dự toán kinh phí",
        "Thành tiền = số lượng × đơn giá, tính tự động. Số tiền gõ liền hoặc có dấu chấm: 1500000 hay "
        "1.500.000.",
    ),
    "contributions": (ContributionRowForm, "Đóng góp của các đơn vị", "Mỗi đơn vị một dòng."),
    "duties": (
        DutyRowForm,
        "Nhiệm vụ của các đơn vị",
        "Mỗi khoản một đơn vị (hoặc nhóm đơn vị) và nhiệm vụ của đơn vị đó. " + MULTIPLE_HINT,
    ),
    "recipients": (
        RecipientRowForm,
        "Nơi nhận",
        "Mỗi dòng một nơi nhận, không gõ dấu “-” đầu dòng. Dòng “Lưu: …” lấy từ ô “Nơi lưu”.",
    ),
}
COLLAPSIBLE = {"breakdowns", "contributions"}
EDITOR_PARTS: dict[str, EditorPart] = {
    part.name: EditorPart(part, *_EDITOR[part.name], collapsible=part.name in COLLAPSIBLE) for part in PARTS
}
