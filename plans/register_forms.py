"""The forms of the office's numbering register: where it continues, and documents issued outside."""

from django import forms

from common.forms import DateInput
from plans.numbering import REASON_MESSAGE
from plans.workflow_forms import WorkflowForm


class NextNumberForm(WorkflowForm):
    next_number = forms.IntegerField(label="Số tiếp theo sẽ cấp", min_value=1, max_value=999999)
    reason = forms.CharField(
        label="Lý do",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Ví dụ: đã ban hành 40 văn bản trên giấy, trên hệ thống quản lý văn bản trước khi dùng phần mềm."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = REASON_MESSAGE


class OutsideDocumentForm(WorkflowForm):
    number = forms.IntegerField(label="Số văn bản", min_value=1, max_value=999999)
    document_date = forms.DateField(label="Ngày ban hành", widget=DateInput())
    subject = forms.CharField(label="Trích yếu", max_length=500)
