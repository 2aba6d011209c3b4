"""The forms of a proposal dossier: the authority, the posting period, an objection and its answer."""

from django import forms

from common.forms import DateInput
from emulation.choices import AuthorityLevel
from emulation.forms.base import ReviewForm
from emulation.models import ObjectionOutcome


class ProposalForm(ReviewForm):
    authority_level = forms.ChoiceField(
        label="Cấp quyết định khen thưởng", choices=[("", ""), *AuthorityLevel.choices]
    )
    authority = forms.CharField(
        label="Kính gửi",
        max_length=300,
        help_text="Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp",
    )


class PostingForm(ReviewForm):
    posting_starts = forms.DateField(label="Công khai từ ngày", widget=DateInput(), required=False)
    posting_ends = forms.DateField(label="đến ngày", widget=DateInput(), required=False)
    posting_place = forms.CharField(
        label="Hình thức, nơi công khai",
        max_length=300,
        required=False,
        help_text="Ví dụ: niêm yết tại trụ sở UBND xã và đăng trên cổng thông tin điện tử",
    )


class ObjectionForm(ReviewForm):
    entry = forms.ModelChoiceField(
        label="Về tập thể, cá nhân", queryset=None, required=False, empty_label="— Cả danh sách —"
    )
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    sender = forms.CharField(label="Người, đơn vị phản ánh", max_length=300, required=False)
    content = forms.CharField(label="Nội dung phản ánh", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, querysets={"entry": proposal.entries.all()}, **kwargs)


class DecisionForm(ReviewForm):
    outcome = forms.ChoiceField(
        label="Kết quả xem xét",
        choices=[
            (ObjectionOutcome.DISMISSED, ObjectionOutcome.DISMISSED.label),
            (ObjectionOutcome.UPHELD, ObjectionOutcome.UPHELD.label),
        ],
    )
    answer = forms.CharField(label="Trả lời, xử lý", widget=forms.Textarea(attrs={"rows": 2}))
