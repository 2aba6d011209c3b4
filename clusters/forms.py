"""The administrator's reorganisation form (admin action "Sắp xếp lại cơ quan")."""

from django import forms

from clusters.choices import ReorganisationKind
from clusters.models import Organization
from common.forms import DATE_INPUT_FORMATS, DateInput, ModelMultipleChoiceField, vietnamese_messages


class ReorganiseForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=ReorganisationKind.choices)
    date = forms.DateField(
        label="Cơ quan kế thừa hoạt động từ ngày",
        input_formats=DATE_INPUT_FORMATS,
        help_text="Ví dụ 01/07/2025: các cơ quan được sắp xếp hết hiệu lực từ ngày hôm trước.",
        widget=DateInput(),
    )
    successors = ModelMultipleChoiceField(
        label="Cơ quan kế thừa",
        queryset=Organization.objects.filter(valid_to__isnull=True).order_by("name"),
        help_text="Tạo trước cơ quan mới (tên mới) trong trang Cơ quan, đơn vị rồi chọn ở đây.",
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    new_successors = forms.BooleanField(
        label="Cơ quan kế thừa là cơ quan mới",
        required=False,
        initial=True,
        help_text="Bỏ chọn khi cơ quan kế thừa đã hoạt động từ trước và nhận thêm các cơ quan được sắp xếp.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)
