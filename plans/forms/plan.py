"""The plan's own fields on the edit page, and the two forms that start a plan."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from clusters.models import Cluster, Organization, Staff
from common.forms import (
    DATE_INPUT_FORMATS,
    DateInput,
    NumberInput,
)
from common.years import FIRST_YEAR, LAST_YEAR
from plans.choices import PlanKind
from plans.document_types import PLAN
from plans.forms.catalog import Catalog, issuer_key
from plans.forms.page import EditorBoundField
from plans.forms.pickers import (
    CatalogChoiceField,
    CatalogFormMixin,
    IssuerField,
    PickerSelect,
    organization_field,
)
from plans.models import Plan
from plans.parts import PLAN_FIELDS

# ---------------------------------------------------------------------------
# The plan's own fields
# ---------------------------------------------------------------------------
VERSION_MISSING_MESSAGE = (
    "Không rõ trang này được mở từ phiên bản nào của kế hoạch, nên chưa lưu để khỏi ghi đè thay đổi của "
    "người khác. Hãy tải lại trang soạn thảo rồi nhập lại; nội dung bạn vừa nhập vẫn còn dưới đây."
)


class PlanForm(CatalogFormMixin, forms.ModelForm):
    """The plan's own fields; the issuer is one select over organisations and clusters."""

    bound_field_class = EditorBoundField

    issuer = IssuerField(label="Cơ quan ban hành", widget=PickerSelect(attrs={"data-searchable": "true"}))
    budget_payer = organization_field("Đơn vị thanh toán")
    # The version the page was opened on (see plans.services.plan_update).
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    catalog_fields = {"issuer": "issuers", "budget_payer": "organizations"}

    class Meta:
        model = Plan
        fields = [name for name in PLAN_FIELDS if name not in ("organization", "cluster")]
        widgets = {
            "year": NumberInput(),
            "date_day": NumberInput(attrs={"size": 3}),
            "date_month": NumberInput(attrs={"size": 3}),
            "date_year": NumberInput(attrs={"size": 5}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 3}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "budget_source": forms.Textarea(attrs={"rows": 2}),
            "registration_deadline": DateInput(),
        }
        labels = {
            "year": "Năm kế hoạch",
            "date_day": "Ngày",
            "date_month": "Tháng",
            "date_year": "Năm",
        }

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        # Bounds checked by the form, so that the model's own rules only ever see sane numbers.
        for name, low, high in (
            ("year", FIRST_YEAR, LAST_YEAR),
            ("date_year", FIRST_YEAR, LAST_YEAR),
            ("date_month", 1, 12),
            ("date_day", 1, 31),
        ):
            self.fields[name].validators += [MinValueValidator(low), MaxValueValidator(high)]
        self.fields["registration_deadline"].input_formats = DATE_INPUT_FORMATS
        # A form posted without the type (an older page, a script) keeps the paper's type.
        self.fields["document_type"].required = False
        self.setup_catalog(catalog)
        # "Kính gửi" belongs to the types that print it; a plan's form does not offer it.
        if not self.instance.document_facts.has_addressee and not self.instance.addressee:
            del self.fields["addressee"]
        if not self.is_bound and self.instance.pk:
            self.initial["issuer"] = issuer_key(self.instance.issuer)
            self.initial["version"] = self.instance.version

    def clean_document_type(self):
        return self.cleaned_data.get("document_type") or self.instance.document_type or PLAN

    def _get_validation_exclusions(self):
        # The issuer is set on the instance in clean(), so the model's issuer rules still apply.
        return super()._get_validation_exclusions() - {"organization", "cluster"}

    def clean(self):
        cleaned = super().clean()
        if not str(cleaned.get("version") or "").isdigit():
            # Without it a save over someone else's newer save would go through unseen.
            self.add_error(None, VERSION_MISSING_MESSAGE)
        issuer = cleaned.get("issuer")
        if issuer is not None:  # when the issuer is invalid, its own message says so (once)
            self.instance.organization = issuer if isinstance(issuer, Organization) else None
            self.instance.cluster = issuer if isinstance(issuer, Cluster) else None
        if cleaned.get("date_day") and not cleaned.get("date_month") and "date_month" not in self.errors:
            self.add_error("date_month", "Nhập tháng khi đã ghi ngày.")
        return cleaned

    def _update_errors(self, errors):
        # The model says "organization"/"cluster"; the form has one field for both.
        if hasattr(errors, "error_dict"):
            for name in ("organization", "cluster"):
                if name in errors.error_dict:
                    errors.error_dict.setdefault("issuer", []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        issuer = self.cleaned_data.get("issuer")
        data["organization"] = issuer if isinstance(issuer, Organization) else None
        data["cluster"] = issuer if isinstance(issuer, Cluster) else None
        return data


# ---------------------------------------------------------------------------
# The create page
# ---------------------------------------------------------------------------
class PlanStartForm(CatalogFormMixin, forms.Form):
    """Issuer, kind and year of a new plan, started from the kind's template."""

    issuer = IssuerField(label="Cơ quan ban hành", widget=PickerSelect(attrs={"data-searchable": "true"}))
    kind = forms.ChoiceField(label="Loại kế hoạch", choices=PlanKind.choices)
    year = forms.IntegerField(
        label="Năm kế hoạch", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=NumberInput(attrs={"size": 5})
    )
    subject = forms.CharField(
        label="Trích yếu",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bắt buộc với kế hoạch trống; để trống thì kế hoạch theo mẫu lấy trích yếu của mẫu.",
    )
    # Which button was pressed: the kind's template, or the bare structure of a plan.
    start = forms.ChoiceField(
        choices=[("template", "Theo mẫu"), ("blank", "Trống")], required=False, widget=forms.HiddenInput
    )
    catalog_fields = {"issuer": "issuers"}

    def __init__(self, *args, catalog: Catalog, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].required = True
        self.setup_catalog(catalog)
        self.fields["year"].initial = timezone.localdate().year
        staff = Staff.objects.filter(user=user).order_by("pk").first() if user and user.pk else None
        if staff is not None:
            self.fields["issuer"].initial = f"o{staff.organization_id}"

    def service_kwargs(self) -> dict:
        issuer = self.cleaned_data["issuer"]
        return {
            "kind": self.cleaned_data["kind"],
            "year": self.cleaned_data["year"],
            "subject": self.cleaned_data["subject"],
            "blank": self.cleaned_data["start"] == "blank",
            "organization": issuer if isinstance(issuer, Organization) else None,
            "cluster": issuer if isinstance(issuer, Cluster) else None,
        }


class PlanCopyForm(CatalogFormMixin, forms.Form):
    """An existing plan to copy, as it is or moved to the next year."""

    source = CatalogChoiceField(
        label="Kế hoạch cần sao chép",
        help_text=(
            "Danh sách gồm 300 kế hoạch cập nhật gần nhất; "
            "kế hoạch khác: bấm “Sao chép” trên trang của kế hoạch đó."
        ),
        empty_label="— Chọn kế hoạch —",
        widget=PickerSelect(attrs={"data-searchable": "true"}),
    )
    to_next_year = forms.BooleanField(
        label="Chuyển sang năm sau (năm, ngày tháng và “năm …” trong nội dung tăng thêm 1)",
        required=False,
        initial=True,
    )
    catalog_fields = {"source": "plans"}

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True
        self.setup_catalog(catalog)
