"""The small forms of the workflow: a reason to return, a date to issue, a consultation and its answers."""

from django import forms

from common.forms import DATE_INPUT_FORMATS, DateInput, vietnamese_messages
from plans.choices import ConsultationAnswer
from plans.workflow import REASON_REQUIRED_MESSAGE, default_issue_date


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

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["organization"].choices = [(unit.pk, str(unit)) for unit in units]
        if len(units) == 1:
            self.fields["organization"].initial = units[0].pk
            self.fields["organization"].widget = forms.HiddenInput()

    def selected_unit(self):
        return self.units[self.cleaned_data["organization"]]
