"""The small forms of the workflow: a reason to return, a date to issue, a consultation and its answers."""

from django import forms

from common.forms import DATE_INPUT_FORMATS, DateInput, vietnamese_messages
from plans.choices import ConsultationAnswer
from plans.workflow import CLOSE_REASON_REQUIRED_MESSAGE, REASON_REQUIRED_MESSAGE, default_issue_date


class WorkflowForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)


class ReturnForm(WorkflowForm):
    reason = forms.CharField(
        label="Lý do trả lại",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Người soạn thảo sẽ đọc lý do này trên trang kế hoạch và trong thông báo.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = REASON_REQUIRED_MESSAGE


class ApproveForm(WorkflowForm):
    note = forms.CharField(
        label="Ý kiến phê duyệt (không bắt buộc)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IssueForm(WorkflowForm):
    issue_date = forms.DateField(
        label="Ngày ban hành",
        widget=DateInput(),
        help_text=(
            "Ngày ký ban hành, in ở dòng “…, ngày … tháng … năm …”; số được cấp theo sổ văn bản của năm này."
        ),
    )
    confirm_date = forms.BooleanField(
        label="Xác nhận: ngày ký cách năm của kế hoạch hơn một năm là đúng", required=False
    )
    confirm_warnings = forms.BooleanField(
        label="Đã xem các điểm cần xem lại về thể thức và vẫn ban hành (ghi vào nhật ký)", required=False
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue_date"].initial = default_issue_date(plan)


class ConsultationForm(WorkflowForm):
    deadline = forms.DateField(label="Hạn cho ý kiến", widget=DateInput())


class AnswerForm(WorkflowForm):
    organization = forms.TypedChoiceField(label="Đơn vị cho ý kiến", coerce=int)
    answer = forms.ChoiceField(label="Ý kiến", choices=ConsultationAnswer.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label="Nội dung góp ý", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    replace = forms.BooleanField(
        label="Thay ý kiến đã có",
        required=False,
        help_text="Chỉ khi ghi thay mặt một đơn vị đã cho ý kiến: ý kiến mới thay ý kiến cũ của đơn vị.",
    )

    def __init__(self, *args, units, answers=None, on_behalf=frozenset(), **kwargs):
        """`answers`: each unit's answer already given, by unit pk; `on_behalf`: the pks of the units
        the user answers for without belonging to them (an administrator)."""
        super().__init__(*args, **kwargs)
        answers = answers or {}
        # On behalf of others, the units still to answer come first, and an answered one says so.
        units = sorted(units, key=lambda unit: unit.pk in on_behalf and unit.pk in answers)
        self.units = {unit.pk: unit for unit in units}
        self.fields["organization"].choices = [
            (unit.pk, self._label(unit, answers.get(unit.pk) if unit.pk in on_behalf else None))
            for unit in units
        ]
        if len(units) == 1:
            self.fields["organization"].initial = units[0].pk
            self.fields["organization"].widget = forms.HiddenInput()
        if not any(unit_pk in answers for unit_pk in on_behalf):
            del self.fields["replace"]

    @staticmethod
    def _label(unit, answered) -> str:
        if answered is None:
            return str(unit)
        return f"{unit} – đã cho ý kiến “{answered.get_answer_display()}”, ghi mới sẽ thay ý kiến này"

    def selected_unit(self):
        return self.units[self.cleaned_data["organization"]]


class CloseConsultationForm(WorkflowForm):
    reason = forms.CharField(
        label="Lý do kết thúc lấy ý kiến trước hạn",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ghi vào nhật ký thay đổi cùng các đơn vị chưa cho ý kiến; người soạn thảo được thông báo.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = CLOSE_REASON_REQUIRED_MESSAGE
