"""The parts of the plan on the edit page: their formsets, titles and hints (read from plans.parts)."""

import functools
from dataclasses import dataclass

from django.forms.models import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)

from common.forms import (
    MESSAGES,
)
from plans.forms.rows import (
    ActivityRowForm,
    BreakdownRowForm,
    BudgetLineRowForm,
    ContributionRowForm,
    DutyRowForm,
    GroupRowForm,
    LegalBasisRowForm,
    RecipientRowForm,
    RowForm,
    SectionRowForm,
    SessionRowForm,
    WaveRowForm,
)
from plans.models import Plan
from plans.parts import PARTS, Part

MULTIPLE_HINT = (
    "Chọn đơn vị: gõ tên vào ô tìm (có dấu hoặc không dấu) rồi chọn, hoặc đánh dấu trong danh sách gợi ý; "
    "bỏ một đơn vị bằng nút × bên cạnh tên (hoặc bỏ dấu)."
)

MANAGEMENT_FORM_MESSAGE = (
    "Dữ liệu của bảng bị thiếu hoặc đã bị sửa (thiếu %(field_names)s). Hãy tải lại trang rồi nhập lại."
)


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
        "Không gõ số thứ tự I., 1., a): chúng được đánh tự động theo cách đánh số chọn ở trên, và hiện bên "
        "cạnh mỗi mục đã lưu. Mục con chọn “Thuộc mục” là số của mục cha. Một khoản chỉ có nội dung mà vẫn "
        "có số (“1. Các đơn vị …”): đánh dấu “Đánh số dù không có tiêu đề”. "
        "Trong nội dung, mỗi đoạn một dòng; “- ” gạch đầu dòng, “+ ” ý con, **chữ đậm**.",
    ),
    "waves": (
        WaveRowForm,
        "Các đợt",
        "Khi in hoạt động theo đợt: mỗi đợt một dòng, ví dụ “Đợt 1” từ ngày 05/9/2024 đến ngày 31/12/2024; "
        "mỗi hoạt động chọn đợt của nó.",
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
COLLAPSIBLE = {"waves", "breakdowns", "contributions"}
EDITOR_PARTS: dict[str, EditorPart] = {
    part.name: EditorPart(part, *_EDITOR[part.name], collapsible=part.name in COLLAPSIBLE) for part in PARTS
}
