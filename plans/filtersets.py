"""Filters of the plan list; every filter lives in the URL so that a list can be bookmarked."""

import django_filters
from django import forms

from clusters.models import Cluster, Organization
from common.forms import PlainModelChoiceIterator, vietnamese_messages
from common.years import FIRST_YEAR, LAST_YEAR
from plans.choices import PlanKind, PlanStatus
from plans.document_types import PLAN, DocumentType
from plans.models import Plan
from plans.selectors import date_key, search_plans

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL_TYPES = "all"


class IssuerChoiceField(django_filters.fields.ModelChoiceField):
    iterator = PlainModelChoiceIterator


class IssuerFilter(django_filters.ModelChoiceFilter):
    """A body or a cluster, by id; its select reads only the columns of its labels."""

    field_class = IssuerChoiceField


class PlanFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        return cleaned


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Tìm kiếm",
        method="filter_search",
        help_text="Gõ có dấu hoặc không dấu, ví dụ: ke hoach tap huan",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # Plans unless another type is asked for: the list stays a list of plans for those who only draft plans.
    document_type = django_filters.ChoiceFilter(
        label="Loại văn bản",
        choices=[*DocumentType.choices, (ALL_TYPES, "Mọi loại văn bản")],
        empty_label=None,
        method="filter_document_type",
    )
    year = django_filters.NumberFilter(
        label="Năm kế hoạch", widget=forms.NumberInput(attrs={"min": FIRST_YEAR, "max": LAST_YEAR})
    )
    kind = django_filters.ChoiceFilter(label="Loại kế hoạch", choices=PlanKind.choices, empty_label="Tất cả")
    status = django_filters.MultipleChoiceFilter(
        label="Trạng thái", choices=PlanStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    organization = IssuerFilter(
        label="Cơ quan ban hành",
        queryset=Organization.objects.only("pk", "name", "short_name"),
        empty_label="Tất cả",
    )
    cluster = IssuerFilter(
        label="Cụm, khối ban hành",
        queryset=Cluster.objects.only("pk", "name", "short_name"),
        empty_label="Tất cả",
    )
    date_from = django_filters.DateFilter(
        label="Ngày văn bản từ", method="filter_date_from", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(label="đến ngày", method="filter_date_to", widget=DATE_INPUT)
    sort = django_filters.OrderingFilter(
        label="Sắp xếp",
        fields=(
            ("date_key", "date"),
            ("subject", "subject"),
            ("year", "year"),
            ("status", "status"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "date": "Ngày văn bản",
            "subject": "Trích yếu",
            "year": "Năm",
            "status": "Trạng thái",
            "updated": "Cập nhật",
        },
        empty_label="Mặc định",
    )

    class Meta:
        model = Plan
        form = PlanFilterForm
        fields = (
            "q",
            "document_type",
            "year",
            "kind",
            "status",
            "organization",
            "cluster",
            "date_from",
            "date_to",
        )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("document_type"):
            data = data.copy()
            data["document_type"] = PLAN
        super().__init__(data, *args, **kwargs)

    def filter_document_type(self, queryset, name, value):
        return queryset if value == ALL_TYPES else queryset.filter(document_type=value)

    def filter_search(self, queryset, name, value):
        return search_plans(queryset, value)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(date_key__gte=date_key(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(date_key__lte=date_key(value))
