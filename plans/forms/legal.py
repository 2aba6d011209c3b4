"""The form of a legal text on the provincial administrator's page."""

from django import forms

from common.forms import DATE_INPUT_FORMATS, DateInput, ModelMultipleChoiceField, vietnamese_messages
from plans.models import LegalText

DATE_INVALID_MESSAGE = "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 01/7/2025."


class LegalTextForm(forms.ModelForm):
    replaced_by = ModelMultipleChoiceField(
        label="Được thay thế bởi",
        queryset=LegalText.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = LegalText
        fields = (
            "kind",
            "number",
            "signed_on",
            "issuer",
            "title",
            "in_force_from",
            "in_force_until",
            "replaced_by",
            "confirmed",
            "cited_by_templates",
            "other_citations",
            "note",
        )
        widgets = {
            "signed_on": DateInput(),
            "in_force_from": DateInput(),
            "in_force_until": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "other_citations": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = LegalText.objects.order_by("-in_force_from", "number")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaced_by"].queryset = others
        vietnamese_messages(self)
        for name in ("signed_on", "in_force_from", "in_force_until"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
            self.fields[name].error_messages["invalid"] = DATE_INVALID_MESSAGE
        self.fields["number"].error_messages["unique"] = "Đã có văn bản mang số, ký hiệu này."
