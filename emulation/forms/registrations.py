"""Forms of the registration pages: open a call, start a unit's registration, add a line."""

from django import forms

from clusters.choices import StaffRole
from clusters.models import Cluster, Organization
from common.forms import DATE_INPUT_FORMATS, DateInput, NumberInput, vietnamese_messages
from common.years import FIRST_YEAR, LAST_YEAR
from emulation.models import Award
from plans import policy

ONE_ISSUER_MESSAGE = "Chọn đúng một cụm, khối hoặc một cơ quan mở đăng ký."


class CallForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label="Cụm, khối thi đua",
        queryset=Cluster.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    organization = forms.ModelChoiceField(
        label="hoặc cơ quan (đăng ký của các đơn vị trực thuộc)",
        queryset=Organization.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    year = forms.IntegerField(
        label="Năm thi đua", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=NumberInput()
    )
    deadline = forms.DateField(label="Hạn đăng ký", widget=DateInput(), input_formats=DATE_INPUT_FORMATS)
    note = forms.CharField(
        label="Hướng dẫn đăng ký", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)
        # Only what the user drafts for: never a select listing every body.
        self.fields["cluster"].queryset = policy.drafting_clusters(user).order_by("name")
        drafting = policy.scope_of(user).bodies.get(StaffRole.DRAFTER, frozenset())
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=drafting).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("cluster")) == bool(cleaned.get("organization")):
            self.add_error("cluster", ONE_ISSUER_MESSAGE)
        return cleaned


class StartForm(forms.Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Organization.objects.none(), empty_label=None)

    def __init__(self, *args, units: list[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)
        self.fields["unit"].queryset = Organization.objects.filter(pk__in=[unit.pk for unit in units])


class LineForm(forms.Form):
    award = forms.ModelChoiceField(
        label="Danh hiệu thi đua, hình thức khen thưởng", queryset=Award.objects.order_by("rank", "name")
    )
    person_name = forms.CharField(
        label="Họ và tên (danh hiệu cá nhân)",
        max_length=120,
        required=False,
        help_text="Để trống nếu là danh hiệu tập thể",
    )
    position = forms.CharField(label="Chức vụ, đơn vị công tác", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)
        self.fields["award"].label_from_instance = lambda award: (
            f"{award.name} ({award.get_recipient_display()})"
        )


class ReopenForm(forms.Form):
    deadline = forms.DateField(
        label="Mở lại đăng ký đến hết ngày", widget=DateInput(), input_formats=DATE_INPUT_FORMATS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)
