"""Filters of the plan list; every filter lives in the URL so that a list can be bookmarked."""

import copy
import functools

import django_filters
from django import forms
from django.db.models import Q

from clusters.models import Cluster, Organization
from common.forms import PlainModelChoiceIterator, vietnamese_messages
from common.years import FIRST_YEAR, LAST_YEAR
from plans import policy
from plans.choices import PlanKind, PlanStatus
from plans.document_types import PLAN, DocumentType
from plans.forms.catalog import Catalog
from plans.forms.pickers import QUERY_SUFFIX, PickerSelect
from plans.models import Plan
from plans.selectors import date_key, search_plans

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ALL_TYPES = "all"


class IssuerChoiceField(django_filters.fields.ModelChoiceField):
    iterator = PlainModelChoiceIterator


class IssuerFilter(django_filters.ModelChoiceFilter):
    """A cluster, by id; its select reads only the columns of its labels."""

    field_class = IssuerChoiceField


class BodyPickerField(forms.ModelChoiceField):
    """Any body by its id (saved list URLs keep working), drawn as the editor's picker: a short list
    (the top bodies, the user's own and the body in use), any other body by a search on the server as one
    types, and without JavaScript a search box whose results come back in the select. Its rows are
    read only when the form is drawn (the export validates the id alone)."""

    widget = PickerSelect(attrs={"data-searchable": "true", "data-picker": "organizations"})

    def bind_suggestions(self, user, *, value, query: str) -> None:
        self.widget.source = "organizations"

        @functools.cache  # the widget reads its choices more than once
        def choices():
            ids = set(policy.scope_of(user).all_bodies) if user is not None else set()
            text = str(value or "")
            if text.isdigit() and len(text) < 19:
                ids.add(int(text))
            bodies = (
                Organization.objects.filter(Q(pk__in=ids) | Q(parent__isnull=True))
                .only("pk", "name", "short_name")
                .order_by("name")
            )
            rows = [("", self.empty_label), *((str(body.pk), str(body)) for body in bodies)]
            if query:
                found = Catalog(user=user).search("organizations", query)
                group = f"Kết quả tìm “{query}”" if found else f"Không tìm thấy “{query}”"
                rows.insert(1, (group, found or [("", "—")]))
            return rows

        self.choices = choices


class BodyPickerFilter(django_filters.ModelChoiceFilter):
    field_class = BodyPickerField


class PlanFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)

    def bind_suggestions(self, user) -> None:
        query = str(self.data.get("organization" + QUERY_SUFFIX) or "").strip()[:100] if self.is_bound else ""
        self.fields["organization"].bind_suggestions(user, value=self.data.get("organization"), query=query)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        return cleaned


class TotalOrderingFilter(django_filters.OrderingFilter):
    """The user's order, then the newest plan first among equals: a column's ties (a year, a
    state) in no fixed order would let a plan show on two pages and another on none."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-pk") if value else qs


class ShallowCopiedFilters(dict):
    """A filter set's declared filters, each copied shallowly for a new filter set: django-filter
    deep-copies them (the querysets, choices and widgets inside), a quarter of the list page's
    time, though a filter set changes only its filters' own attributes (parent, model, field)."""

    def __deepcopy__(self, memo):
        copies = {name: copy.copy(each) for name, each in self.items()}
        for each in copies.values():
            if each.method is not None:
                each.method = each.method  # binds the filter method to the copy, not to the original
        return copies


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
    organization = BodyPickerFilter(
        label="Cơ quan ban hành", queryset=Organization.objects.all(), empty_label="Tất cả"
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
    sort = TotalOrderingFilter(
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

    @classmethod
    def get_filters(cls):
        return ShallowCopiedFilters(super().get_filters())

    def get_form_class(self):
        # The fields come from the filters' declarations alone, nothing of the request: the form
        # class is built once, and each form copies its fields (as every Django form does).
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            form.bind_suggestions(getattr(self.request, "user", None))
        return self._form

    def filter_document_type(self, queryset, name, value):
        return queryset if value == ALL_TYPES else queryset.filter(document_type=value)

    def filter_search(self, queryset, name, value):
        return search_plans(queryset, value)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(date_key__gte=date_key(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(date_key__lte=date_key(value))
