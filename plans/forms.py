"""Forms of the plan editor: the plan's fields and one formset per part of the plan, on one page.

The forms parse and check what was typed (with the models' own rules and Vietnamese messages);
`PlanEditor.service_input()` turns them into the plain values that `plans.services` saves, and
`PlanEditor.apply_errors()` puts the service's located errors back next to their fields.

Choices of organisations, clusters and plans come from a `Catalog` loaded once per request, so the
page runs the same number of queries whatever the number of rows.
"""

import datetime
import functools
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Model, Q
from django.forms.models import (
    BaseInlineFormSet,
    BaseModelFormSet,
    inlineformset_factory,
    modelformset_factory,
)
from django.utils import timezone

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session, participant_total
from clusters.models import Cluster, Organization, Staff
from common.forms import (
    DATE_INPUT_FORMATS,
    MESSAGES,
    DateInput,
    LenientDecimalField,
    NumberInput,
    vietnamese_messages,
)
from common.text import fold
from plans import policy
from plans.choices import PlanKind, PlanStatus
from plans.documents.amounts import format_vnd
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section
from plans.services import PLAN_FIELDS, PlanInputError, RowInput

PATH_SEPARATOR = " › "
MULTIPLE_HINT = "Trong danh sách đơn vị, giữ phím Ctrl khi bấm để chọn (hoặc bỏ chọn) nhiều đơn vị."
MAX_ORDINAL = 9999
MAX_COUNT = 100_000
MAX_UNITS = 10_000

MANAGEMENT_FORM_MESSAGE = (
    "Dữ liệu của bảng bị thiếu hoặc đã bị sửa (thiếu %(field_names)s). Hãy tải lại trang rồi nhập lại."
)


# ---------------------------------------------------------------------------
# Catalog of choices
# ---------------------------------------------------------------------------
def _ended(valid_to: datetime.date | None) -> str:
    return f" (đến {valid_to:%d/%m/%Y})" if valid_to else ""


COPY_CHOICES_LIMIT = 300


class Catalog:
    """Organisations (with their path in the tree), clusters and plans, each loaded in one query."""

    def __init__(self, *, user=None, exclude_plan: Plan | None = None):
        self.user = user
        self.plan = exclude_plan
        self.exclude_plan_id = exclude_plan.pk if exclude_plan is not None else None

    @functools.cached_property
    def organizations(self) -> dict[str, Organization]:
        rows = Organization.objects.only("id", "name", "short_name", "parent_id", "valid_to", "abbreviation")
        return {str(org.pk): org for org in rows.order_by()}

    @functools.cached_property
    def organization_paths(self) -> dict[str, str]:
        """ "UBND tỉnh Đồng Tháp › UBND huyện Tháp Mười › Phòng Nội vụ huyện Tháp Mười"."""
        by_id = {org.pk: org for org in self.organizations.values()}
        paths: dict[str, str] = {}
        for key, org in self.organizations.items():
            names, node, seen = [], org, set()
            while node is not None and node.pk not in seen:
                seen.add(node.pk)
                names.append(str(node))
                node = by_id.get(node.parent_id)
            paths[key] = PATH_SEPARATOR.join(reversed(names)) + _ended(org.valid_to)
        return paths

    @functools.cached_property
    def organization_choices(self) -> list[tuple[str, str]]:
        paths = self.organization_paths
        return sorted(paths.items(), key=lambda item: fold(item[1]))

    @functools.cached_property
    def clusters(self) -> dict[str, Cluster]:
        rows = Cluster.objects.select_related("organization").order_by("name")
        return {str(cluster.pk): cluster for cluster in rows}

    @functools.cached_property
    def issuers(self) -> dict[str, Organization | Cluster]:
        found: dict[str, Organization | Cluster] = {f"o{key}": org for key, org in self.organizations.items()}
        found.update({f"c{key}": cluster for key, cluster in self.clusters.items()})
        return found

    @functools.cached_property
    def _drafting_keys(self) -> set[str] | None:
        """The issuers the user may draft for (None: any), and the plan's own issuer."""
        if self.user is None or policy.scope_of(self.user).is_admin:
            return None
        keys = {f"o{pk}" for pk in policy.drafting_organizations(self.user).values_list("pk", flat=True)}
        keys |= {f"c{pk}" for pk in policy.drafting_clusters(self.user).values_list("pk", flat=True)}
        if self.plan is not None:
            keys.add(issuer_key(self.plan.issuer))
        return keys

    @functools.cached_property
    def issuer_choices(self) -> list:
        allowed = self._drafting_keys
        clusters = [
            (f"c{key}", f"{cluster}{PATH_SEPARATOR}{cluster.organization}{_ended(cluster.valid_to)}")
            for key, cluster in self.clusters.items()
            if allowed is None or f"c{key}" in allowed
        ]
        organizations = [
            (f"o{key}", label)
            for key, label in self.organization_choices
            if allowed is None or f"o{key}" in allowed
        ]
        return [
            ("", "— Chọn cơ quan hoặc cụm thi đua —"),
            ("Cơ quan, đơn vị", organizations),
            ("Cụm, khối thi đua", clusters),
        ]

    @functools.cached_property
    def plans(self) -> dict[str, Plan]:
        rows = Plan.objects.select_related("organization", "cluster").only(
            "id", "year", "subject", "number", "symbol", "organization", "cluster"
        )
        if self.user is not None:
            rows = policy.visible_plans(self.user, rows)
        if self.plan is not None:
            # A plan implements issued plans of its own or the previous year; listing every plan in
            # the database in every row would not scale. Links the plan already has stay listed.
            rows = rows.filter(
                Q(status=PlanStatus.ISSUED, year__gte=self.plan.year - 1, year__lte=self.plan.year)
                | Q(implemented_by__plan=self.plan)
            ).exclude(pk=self.plan.pk)
        else:
            # The create page offers the most recently updated plans; any other plan is copied
            # from its own page ("Sao chép"), so the select stays small on a large database.
            recent = rows.order_by("-updated_at").values("pk")[:COPY_CHOICES_LIMIT]
            rows = rows.filter(pk__in=recent)
        return {str(plan.pk): plan for plan in rows.distinct().order_by("-year", "subject")}

    @functools.cached_property
    def plan_choices(self) -> list[tuple[str, str]]:
        return [
            (key, f"{plan.year} · {plan.full_symbol} · {plan.subject}") for key, plan in self.plans.items()
        ]


def issuer_key(issuer: Organization | Cluster | None) -> str:
    if issuer is None:
        return ""
    return f"c{issuer.pk}" if isinstance(issuer, Cluster) else f"o{issuer.pk}"


class CatalogChoiceField(forms.ChoiceField):
    """A select over a catalog: options come from a list, the cleaned value is the object."""

    keeps_blank_label = True  # its own empty label ("— Không chọn —"), not "— Chọn —"

    def __init__(self, *, empty_label="— Không chọn —", **kwargs):
        self.empty_label = empty_label
        self.objects: dict[str, Any] = {}
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list) -> None:
        self.objects = objects
        if not choices or choices[0][0] != "":
            choices = [("", self.empty_label), *choices]
        self.choices = choices

    def prepare_value(self, value):
        if isinstance(value, Model):
            return str(value.pk)
        return "" if value is None else str(value)

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)

    def validate(self, value):
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if value and value not in self.objects:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = self.to_python(value)
        self.validate(value)
        return self.objects[value] if value else None

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.to_python(data)


class IssuerField(CatalogChoiceField):
    def prepare_value(self, value):
        if isinstance(value, (Organization, Cluster)):
            return issuer_key(value)
        return "" if value is None else str(value)


class CatalogMultipleChoiceField(forms.MultipleChoiceField):
    """A multiple select over a catalog; the cleaned value is a list of objects."""

    widget = forms.SelectMultiple

    def __init__(self, **kwargs):
        self.objects: dict[str, Any] = {}
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list) -> None:
        self.objects = objects
        self.choices = choices

    def prepare_value(self, value):
        if value is None:
            return []
        return [str(item.pk) if isinstance(item, Model) else str(item) for item in value]

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(item) for item in value]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if any(item not in self.objects for item in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = self.to_python(value)
        self.validate(value)
        return [self.objects[item] for item in dict.fromkeys(value)]

    def has_changed(self, initial, data):
        return set(self.prepare_value(initial)) != set(self.to_python(data) if isinstance(data, list) else [])


def organization_field(label: str, *, multiple: bool = False):
    attrs = {"data-searchable": "true"}
    if multiple:
        return CatalogMultipleChoiceField(
            label=label, widget=forms.SelectMultiple(attrs={**attrs, "size": 4}), required=False
        )
    return CatalogChoiceField(label=label, widget=forms.Select(attrs=attrs), required=False)


# ---------------------------------------------------------------------------
# The plan's own fields
# ---------------------------------------------------------------------------
class CatalogFormMixin:
    """Binds the catalog fields of a form to the request's catalog; Vietnamese messages."""

    catalog_fields: dict[str, str] = {}

    def setup_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        for name, source in self.catalog_fields.items():
            if name not in self.fields:
                continue
            if source == "organizations":
                self.fields[name].bind(catalog.organizations, catalog.organization_choices)
            elif source == "plans":
                self.fields[name].bind(catalog.plans, catalog.plan_choices)
            elif source == "issuers":
                self.fields[name].bind(catalog.issuers, catalog.issuer_choices)
        vietnamese_messages(self)


class PlanForm(CatalogFormMixin, forms.ModelForm):
    """The plan's own fields; the issuer is one select over organisations and clusters."""

    issuer = IssuerField(label="Cơ quan ban hành", widget=forms.Select(attrs={"data-searchable": "true"}))
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
            ("year", 1945, 2100),
            ("date_year", 1945, 2100),
            ("date_month", 1, 12),
            ("date_day", 1, 31),
        ):
            self.fields[name].validators += [MinValueValidator(low), MaxValueValidator(high)]
        self.fields["registration_deadline"].input_formats = DATE_INPUT_FORMATS
        self.setup_catalog(catalog)
        if not self.is_bound and self.instance.pk:
            self.initial["issuer"] = issuer_key(self.instance.issuer)
            self.initial["version"] = self.instance.version

    def _get_validation_exclusions(self):
        # The issuer is set on the instance in clean(), so the model's issuer rules still apply.
        return super()._get_validation_exclusions() - {"organization", "cluster"}

    def clean(self):
        cleaned = super().clean()
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
# Rows
# ---------------------------------------------------------------------------
class RefField(forms.IntegerField):
    """The order number of another row (a parent section, a class, a group), chosen in a select."""

    def __init__(self, *, label, empty_label, ref, **kwargs):
        self.empty_label = empty_label
        super().__init__(
            label=label,
            required=False,
            min_value=0,
            max_value=MAX_ORDINAL,
            widget=forms.Select(attrs={"data-ref": ref}),
            **kwargs,
        )


class RowForm(CatalogFormMixin, forms.ModelForm):
    """One row of a part of the plan; `ordinal` is its order number as the drafter sees it."""

    ordinal = forms.IntegerField(
        label="Thứ tự",
        required=False,
        min_value=0,
        max_value=MAX_ORDINAL,
        widget=NumberInput(attrs={"size": 3, "class": "number ordinal"}),
    )
    ref_fields: tuple[str, ...] = ()
    m2m_fields: tuple[str, ...] = ()
    # The field whose text names the row in the selects of rows that refer to it.
    label_field = ""

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""  # said once above the rows, not in every row
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        self.setup_catalog(catalog)

    def has_changed(self):
        return any(name != "ordinal" for name in self.changed_data)

    def row_input(self) -> RowInput:
        data = self.cleaned_data
        model_fields = [
            name
            for name in self._meta.fields
            if name not in self.m2m_fields and name not in self.ref_fields and name in data
        ]
        return RowInput(
            key=self.prefix,
            pk=None if self.instance._state.adding else self.instance.pk,
            position=data.get("ordinal"),
            values={name: data[name] for name in model_fields},
            m2m={name: data.get(name) or [] for name in self.m2m_fields},
            refs={name: data.get(name) for name in self.ref_fields},
        )


class LegalBasisRowForm(RowForm):
    referenced_plan = CatalogChoiceField(
        label="Kế hoạch được thực hiện (nếu chọn thì có thể để trống nội dung)",
        required=False,
        empty_label="— Không chọn —",
        widget=forms.Select(attrs={"data-searchable": "true"}),
    )
    catalog_fields = {"referenced_plan": "plans"}

    class Meta:
        model = LegalBasis
        fields = ["form", "referenced_plan", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class SectionRowForm(RowForm):
    parent_number = RefField(
        label="Thuộc mục", empty_label="— Mục lớn (không thuộc mục nào) —", ref="sections"
    )
    ref_fields = ("parent_number",)
    label_field = "heading"

    class Meta:
        model = Section
        fields = ["heading", "parent_number", "block", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


QUARTER_CHOICES = [("", "—"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")]
MONTH_CHOICES = [("", "—"), *((month, f"Tháng {month}") for month in range(1, 13))]


class ActivityRowForm(RowForm):
    quarter = forms.TypedChoiceField(
        label="Quý", choices=QUARTER_CHOICES, coerce=int, required=False, empty_value=None
    )
    month = forms.TypedChoiceField(
        label="Tháng", choices=MONTH_CHOICES, coerce=int, required=False, empty_value=None
    )
    lead_organizations = organization_field("Đơn vị chủ trì (chọn trong danh mục)", multiple=True)
    coordinating_organizations = organization_field("Đơn vị phối hợp (chọn trong danh mục)", multiple=True)
    catalog_fields = {"lead_organizations": "organizations", "coordinating_organizations": "organizations"}
    m2m_fields = ("lead_organizations", "coordinating_organizations")

    class Meta:
        model = Activity
        fields = [
            "content",
            "period_kind",
            "quarter",
            "month",
            "start_date",
            "end_date",
            "timing_text",
            "implementers_text",
            "lead_organizations",
            "coordinating_organizations",
            "place",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 2}),
            "implementers_text": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "period_kind": forms.Select(attrs={"data-period": "true"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and not self.initial.get("period_kind"):
            self.initial["period_kind"] = PeriodKind.QUARTER


class SessionRowForm(RowForm):
    label_field = "name"

    class Meta:
        model = Session
        fields = ["name", "duration", "timing_text", "start_date", "end_date", "place"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class GroupRowForm(RowForm):
    session_number = RefField(label="Thuộc lớp", empty_label="— Không thuộc lớp nào —", ref="sessions")
    units = organization_field("Các đơn vị áp định mức", multiple=True)
    catalog_fields = {"units": "organizations"}
    ref_fields = ("session_number",)
    m2m_fields = ("units",)
    label_field = "description"

    class Meta:
        model = ParticipantGroup
        fields = [
            "session_number",
            "kind",
            "description",
            "honorific",
            "full_name",
            "position",
            "count",
            "noun",
            "unit_count",
            "units",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "count": NumberInput(attrs={"size": 5}),
            "unit_count": NumberInput(attrs={"size": 5}),
            "kind": forms.Select(attrs={"data-group-kind": "true"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))
        self.fields["unit_count"].validators.append(MaxValueValidator(MAX_UNITS))
        if self.instance._state.adding and not self.initial.get("kind"):
            self.initial["kind"] = GroupKind.FIXED


class BreakdownRowForm(RowForm):
    group_number = RefField(label="Thuộc nhóm", empty_label="— Chọn nhóm —", ref="groups")
    ref_fields = ("group_number",)

    class Meta:
        model = ParticipantBreakdown
        fields = ["group_number", "count", "description"]
        widgets = {"count": NumberInput(attrs={"size": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))


class BudgetLineRowForm(RowForm):
    quantity = LenientDecimalField(
        label="Số lượng",
        max_digits=12,
        decimal_places=2,
        min_value=0,
        initial=Decimal(1),
        widget=NumberInput(attrs={"size": 6}, decimal=True),
    )
    unit_price = LenientDecimalField(
        label="Đơn giá (đồng)",
        max_digits=15,
        decimal_places=0,
        min_value=0,
        widget=NumberInput(attrs={"size": 12}, decimal=True),
    )

    class Meta:
        model = BudgetLine
        fields = ["item", "quantity", "unit", "unit_price"]


class ContributionRowForm(RowForm):
    organization = organization_field("Đơn vị đóng góp")
    amount = LenientDecimalField(
        label="Số tiền (đồng)",
        max_digits=15,
        decimal_places=0,
        min_value=0,
        widget=NumberInput(attrs={"size": 12}, decimal=True),
    )
    catalog_fields = {"organization": "organizations"}

    class Meta:
        model = BudgetContribution
        fields = ["organization", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].required = True

    def _get_validation_exclusions(self):
        # One unit, one contribution: checked among the submitted rows by the service, not against
        # the saved rows (which a swap of two units would trip).
        return super()._get_validation_exclusions() | {"plan"}


class DutyRowForm(RowForm):
    organizations = organization_field("Đơn vị được giao (chọn trong danh mục)", multiple=True)
    catalog_fields = {"organizations": "organizations"}
    m2m_fields = ("organizations",)

    class Meta:
        model = Duty
        fields = ["title", "organizations", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class RecipientRowForm(RowForm):
    organization = organization_field("Cơ quan nhận (không bắt buộc)")
    catalog_fields = {"organization": "organizations"}

    class Meta:
        model = Recipient
        fields = ["text", "organization"]


# ---------------------------------------------------------------------------
# Formsets
# ---------------------------------------------------------------------------
class RowFormSetMixin:
    default_error_messages = {
        "missing_management_form": MANAGEMENT_FORM_MESSAGE,
        "too_many_forms": "Nhiều dòng quá: tối đa %(num)d dòng.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }
    # Set by PlanEditor before the forms are built: order numbers of the saved rows, and the
    # numbers of the rows they refer to.
    ordinals: dict[int, int] = {}
    ref_initial: dict[int, int | None] = {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        instance = form.instance
        if not instance._state.adding and instance.pk in self.ordinals:
            form.initial["ordinal"] = self.ordinals[instance.pk]
            for name in form.ref_fields:
                form.initial[name] = self.ref_initial.get(instance.pk)
        return form

    def get_unique_error_message(self, unique_check):
        return "Có dòng bị trùng; mỗi giá trị chỉ được nhập một lần."

    def get_form_error(self):
        return "Hãy sửa dòng bị trùng dưới đây."

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Xoá dòng này"
        pk_name = self.model._meta.pk.name
        if pk_name in form.fields:
            form.fields[pk_name].error_messages.update(MESSAGES)

    def live_forms(self):
        """The forms that will be saved: not marked for deletion, and not blank extra rows."""
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            yield form


class RowInlineFormSet(RowFormSetMixin, BaseInlineFormSet):
    pass


class BreakdownFormSet(RowFormSetMixin, BaseModelFormSet):
    def __init__(self, data=None, *, instance: Plan, **kwargs):
        self.instance = instance
        kwargs.setdefault("queryset", ParticipantBreakdown.objects.filter(group__plan=instance))
        super().__init__(data, **kwargs)


def _inline(model, form, extra=1):
    return inlineformset_factory(
        Plan,
        model,
        fk_name="plan",
        form=form,
        formset=RowInlineFormSet,
        extra=extra,
        can_delete=True,
        fields=form._meta.fields,
    )


class PartDef:
    """A part of the plan on the edit page: its formset, heading and hint."""

    def __init__(self, name, formset, legend, title, hint, *, ordered=True, queryset=None, collapsible=False):
        self.collapsible = collapsible  # folded away while the plan has no such rows
        self.name = name
        self.formset = formset
        self.legend = legend
        self.title = title
        self.hint = hint
        self.ordered = ordered
        self.queryset = queryset


PART_DEFS = [
    PartDef(
        "legal_bases",
        _inline(LegalBasis, LegalBasisRowForm),
        "Căn cứ",
        "Căn cứ",
        "Mỗi dòng một văn bản. Không gõ “Căn cứ”/“Thực hiện” và dấu câu cuối: chúng được thêm khi in.",
        queryset=lambda: LegalBasis.objects.select_related("referenced_plan").order_by("order", "pk"),
    ),
    PartDef(
        "sections",
        _inline(Section, SectionRowForm),
        "Mục",
        "Các mục của kế hoạch",
        "Không gõ số thứ tự I., 1., a): chúng được đánh tự động. Mục con chọn “Thuộc mục” là số của mục cha. "
        "Trong nội dung, mỗi đoạn một dòng; “- ” gạch đầu dòng, “+ ” ý con, **chữ đậm**.",
        queryset=lambda: Section.objects.select_related("parent").order_by("order", "pk"),
    ),
    PartDef(
        "activities",
        _inline(Activity, ActivityRowForm),
        "Hoạt động",
        "Hoạt động",
        "Chọn thời gian theo quý, tháng hoặc ngày. Đơn vị thực hiện ghi bằng chữ (mỗi đơn vị một dòng), "
        "hoặc chọn đơn vị chủ trì, phối hợp trong danh mục. " + MULTIPLE_HINT,
        queryset=lambda: Activity.objects.prefetch_related(
            "lead_organizations", "coordinating_organizations"
        ).order_by("order", "pk"),
    ),
    PartDef(
        "sessions",
        _inline(Session, SessionRowForm),
        "Lớp",
        "Các lớp (buổi)",
        "Mỗi lớp một dòng, ví dụ “Lớp thứ nhất”. Thành phần của lớp nhập ở phần “Thành phần, số lượng”.",
        queryset=lambda: Session.objects.order_by("order", "pk"),
    ),
    PartDef(
        "groups",
        _inline(ParticipantGroup, GroupRowForm),
        "Nhóm",
        "Thành phần, số lượng",
        "Khách mời đích danh tính 1 người; số lượng cố định tính đúng số đó; định mức mỗi đơn vị nhân với số "
        "đơn vị được chọn; định mức theo loại đơn vị nhân với “số đơn vị”. Tổng số người được tính tự động. "
        + MULTIPLE_HINT,
        queryset=lambda: (
            ParticipantGroup.objects.select_related("session")
            .prefetch_related("units")
            .order_by("order", "pk")
        ),
    ),
    PartDef(
        "breakdowns",
        modelformset_factory(
            ParticipantBreakdown,
            form=BreakdownRowForm,
            formset=BreakdownFormSet,
            extra=1,
            can_delete=True,
            fields=BreakdownRowForm._meta.fields,
        ),
        "Cơ cấu",
        "Cơ cấu thành phần của nhóm định mức",
        "Ví dụ: 15 người gồm 01 lãnh đạo, 01 cán bộ, 13 giáo viên. Các dòng của một nhóm phải cộng lại bằng "
        "định mức của nhóm.",
        collapsible=True,
        queryset=lambda: ParticipantBreakdown.objects.select_related("group").order_by(
            "group__order", "order", "pk"
        ),
    ),
    PartDef(
        "budget_lines",
        _inline(BudgetLine, BudgetLineRowForm),
        "Dòng dự toán",
        "Dự toán kinh phí",
        "Thành tiền = số lượng × đơn giá, tính tự động. Số tiền gõ liền hoặc có dấu chấm: 1500000 hay "
        "1.500.000.",
        queryset=lambda: BudgetLine.objects.order_by("order", "pk"),
    ),
    PartDef(
        "contributions",
        _inline(BudgetContribution, ContributionRowForm),
        "Đóng góp",
        "Đóng góp của các đơn vị",
        "Mỗi đơn vị một dòng.",
        ordered=False,
        collapsible=True,
        queryset=lambda: BudgetContribution.objects.order_by("organization__name", "pk"),
    ),
    PartDef(
        "duties",
        _inline(Duty, DutyRowForm),
        "Nhiệm vụ",
        "Nhiệm vụ của các đơn vị",
        "Mỗi khoản một đơn vị (hoặc nhóm đơn vị) và nhiệm vụ của đơn vị đó. " + MULTIPLE_HINT,
        queryset=lambda: Duty.objects.prefetch_related("organizations").order_by("order", "pk"),
    ),
    PartDef(
        "recipients",
        _inline(Recipient, RecipientRowForm),
        "Nơi nhận",
        "Nơi nhận",
        "Mỗi dòng một nơi nhận, không gõ dấu “-” đầu dòng. Dòng “Lưu: …” lấy từ ô “Nơi lưu”.",
        queryset=lambda: Recipient.objects.order_by("order", "pk"),
    ),
]
PART_NAMES = [part.name for part in PART_DEFS]


def _section_numbers(sections: list[Section]) -> tuple[list[Section], dict[int, int], dict[int, int | None]]:
    """Sections in reading order (depth first), their numbers 1, 2, 3… and their parents' numbers."""
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered: list[Section] = []

    def walk(parent_id):
        for section in children.get(parent_id, []):
            ordered.append(section)
            walk(section.pk)

    walk(None)
    ordered += [section for section in sections if section not in ordered]  # never lose an orphan
    numbers = {section.pk: number for number, section in enumerate(ordered, start=1)}
    parents = {section.pk: numbers.get(section.parent_id) for section in sections}
    return ordered, numbers, parents


class SortedFormSetMixin:
    """A formset whose saved rows come in an order given as a list (sections: depth first)."""

    sorted_rows: list | None = None

    def get_queryset(self):
        if self.sorted_rows is not None:
            return self.sorted_rows
        return super().get_queryset()


def _listed_forms(formset):
    """Rows that other rows may refer to: saved or typed rows, not those marked for deletion."""
    for index, form in enumerate(formset.forms):
        if not form.is_bound:
            if index < formset.initial_form_count():
                yield form
            continue
        if formset.can_delete and form["DELETE"].value():
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        yield form


class PlanEditor:
    """The plan form and every formset of the edit page, built once, validated together."""

    def __init__(self, *, plan: Plan, user=None, data=None, add_row: str | None = None):
        self.plan = plan
        self.catalog = Catalog(user=user, exclude_plan=plan)
        self.adding_row = add_row if data is not None and add_row in PART_NAMES else None
        self.rows = {part.name: list(part.queryset().filter(**self._owner(part, plan))) for part in PART_DEFS}
        self._numbers()
        if data is not None:
            data = self._clamped(data)
        if self.adding_row:
            data = self._with_extra_row(data, self.adding_row)
        self.data = data
        self.plan_form = PlanForm(data, instance=plan, catalog=self.catalog)
        self.formsets = {part.name: self._formset(part, data) for part in PART_DEFS}
        self._ref_choices()
        if self.adding_row:
            self._hide_errors()

    @staticmethod
    def _owner(part: PartDef, plan: Plan) -> dict:
        return {"group__plan": plan} if part.name == "breakdowns" else {"plan": plan}

    # -- numbers of the saved rows ---------------------------------------------
    def _numbers(self) -> None:
        self.ordinals: dict[str, dict[int, int]] = {}
        self.refs: dict[str, dict[int, int | None]] = {}
        sections, numbers, parents = _section_numbers(self.rows["sections"])
        self.rows["sections"] = sections
        self.ordinals["sections"], self.refs["sections"] = numbers, parents
        for name in PART_NAMES:
            if name not in self.ordinals:
                self.ordinals[name] = {row.pk: number for number, row in enumerate(self.rows[name], start=1)}
        sessions = self.ordinals["sessions"]
        self.refs["groups"] = {group.pk: sessions.get(group.session_id) for group in self.rows["groups"]}
        groups = self.ordinals["groups"]
        self.refs["breakdowns"] = {part.pk: groups.get(part.group_id) for part in self.rows["breakdowns"]}

    def _formset(self, part: PartDef, data):
        count = len(self.rows[part.name])
        formset_class = type(part.formset.__name__, (SortedFormSetMixin, part.formset), {})
        formset_class.sorted_rows = self.rows[part.name]
        formset_class.ordinals = self.ordinals[part.name]
        formset_class.ref_initial = self.refs.get(part.name, {})
        extra_initial = [{"ordinal": count + 1 + index} for index in range(part.formset.extra)]
        return formset_class(
            data,
            instance=self.plan,
            prefix=part.name,
            initial=extra_initial,
            form_kwargs={"catalog": self.catalog},
        )

    @staticmethod
    def _clamped(data):
        """The data with each TOTAL_FORMS no higher than the rows it holds.

        Rows past the last one submitted would only be blank; a forged count (say 10^8) would
        otherwise make the page build and render up to the formset's maximum of blank rows.
        """
        highest: dict[str, int] = {}
        for key in data:
            part, _, rest = key.partition("-")
            index = rest.partition("-")[0]
            if part in PART_NAMES and index.isdigit():
                highest[part] = max(highest.get(part, -1), int(index))
        clamped = None
        for name in PART_NAMES:
            key = f"{name}-TOTAL_FORMS"
            value = data.get(key, "")
            if value.isdigit() and int(value) > highest.get(name, -1) + 1:
                clamped = clamped or data.copy()
                clamped[key] = str(highest.get(name, -1) + 1)
        return clamped or data

    def _with_extra_row(self, data, name: str):
        """The submitted data with one more blank row in `name` (the "Thêm dòng" button without JS)."""
        data = data.copy()
        key = f"{name}-TOTAL_FORMS"
        try:
            total = int(data.get(key, ""))
        except ValueError:
            return data
        if total >= 1000:
            return data
        data[key] = str(total + 1)
        numbers = []
        for index in range(total):
            try:
                numbers.append(int(data.get(f"{name}-{index}-ordinal", "")))
            except ValueError:
                continue
        data[f"{name}-{total}-ordinal"] = str(max(numbers, default=0) + 1)
        # The new row starts with the same defaults as a blank row (quantity 1, "người"…).
        part = next(part for part in PART_DEFS if part.name == name)
        empty = part.formset(
            instance=self.plan, prefix=name, form_kwargs={"catalog": self.catalog}
        ).empty_form
        for field_name, field in empty.fields.items():
            if field_name in ("ordinal", "DELETE", "id", "plan") or isinstance(
                field, forms.MultipleChoiceField
            ):
                continue
            value = empty[field_name].value()
            if value not in (None, ""):
                data[f"{name}-{total}-{field_name}"] = str(value)
        return data

    def _hide_errors(self) -> None:
        """Adding a row only re-shows the page: no row is checked yet, so no error is shown."""
        from django.forms.utils import ErrorDict, ErrorList

        for form in self.all_forms():
            form._errors = ErrorDict()
        for formset in self.formsets.values():
            formset._non_form_errors = ErrorList()
            formset._errors = [ErrorDict() for _ in formset.forms]

    # -- selects of rows that refer to other rows -----------------------------------
    def _ref_choices(self) -> None:
        targets = {"sections": "sections", "groups": "sessions", "breakdowns": "groups"}
        labels = {"sections": "Mục số", "sessions": "Lớp số", "groups": "Nhóm số"}
        for name, target in targets.items():
            options = []
            for form in _listed_forms(self.formsets[target]):
                number = form["ordinal"].value()
                if number in (None, ""):
                    continue
                text = form[form.label_field].value() if form.label_field else ""
                if not text and "full_name" in form.fields:  # a named guest has no description
                    text = form["full_name"].value()
                text = " ".join(str(text or "").split())
                if len(text) > 70:
                    text = text[:69] + "…"
                options.append((str(number), f"{labels[target]} {number}: {text or '(chưa có tên)'}"))
            for form in [*self.formsets[name].forms, self.formsets[name].empty_form]:
                ref_name = form.ref_fields[0]
                field = form.fields[ref_name]
                choices = [("", field.empty_label), *options]
                current = form[ref_name].value()
                if current not in (None, "") and str(current) not in {value for value, _ in choices}:
                    choices.append((str(current), f"{labels[target]} {current} (không có trong danh sách)"))
                field.widget.choices = choices

    # -- validation and saving -------------------------------------------------------
    def all_forms(self):
        yield self.plan_form
        for formset in self.formsets.values():
            yield from formset.forms

    def is_valid(self) -> bool:
        valid = self.plan_form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    def service_input(self) -> dict[str, Any]:
        return {
            "fields": self.plan_form.service_fields(),
            "parts": {
                name: [form.row_input() for form in formset.live_forms()]
                for name, formset in self.formsets.items()
            },
        }

    def version(self) -> int | None:
        """The plan's version when the page was opened; None if the page did not send one."""
        value = (self.data or {}).get("version", "")
        return int(value) if str(value).isdigit() else None

    def data_with_version(self, version: int):
        """The submitted data, as the user typed it, over the plan's current version."""
        data = self.data.copy()
        data["version"] = str(version)
        return data

    def apply_errors(self, error: PlanInputError) -> None:
        """The service's messages next to the field (or at the top of the row) they are about."""
        for name, messages in error.plan_errors.items():
            if name in ("organization", "cluster"):
                name = "issuer"
            for message in messages:
                self.plan_form.add_error(name if name in self.plan_form.fields else None, message)
        forms_by_key = {form.prefix: form for formset in self.formsets.values() for form in formset.forms}
        for key, fields in error.row_errors.items():
            form = forms_by_key.get(key)
            for name, messages in fields.items():
                for message in messages:
                    if form is None:
                        self.plan_form.add_error(None, message)
                    else:
                        form.add_error(name if name in form.fields else None, message)

    # -- what the template shows ---------------------------------------------------------
    @property
    def has_errors(self) -> bool:
        if self.adding_row or self.data is None:
            return False
        return bool(self.plan_form.errors) or any(
            formset.total_error_count() for formset in self.formsets.values()
        )

    def error_summary(self) -> list[dict]:
        """Every message with a link to its field, for the box at the top of the page."""
        found = []
        for form in self.all_forms():
            if not form.is_bound or not form.errors:
                continue
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("DELETE"):
                continue
            is_plan = form is self.plan_form
            row = "" if is_plan else self.row_label(form)
            for name, messages in form.errors.items():
                if name == "__all__":
                    anchor = "plan-fields" if is_plan else f"row-{form.prefix}"
                    label = row
                else:
                    anchor = form[name].auto_id
                    label = form.fields[name].label if is_plan else f"{row} – {form.fields[name].label}"
                for message in messages:
                    found.append({"anchor": anchor, "label": label, "message": message})
        for name, formset in self.formsets.items():
            for message in formset.non_form_errors():
                found.append({"anchor": f"part-{name}", "label": self.part(name).title, "message": message})
        return found

    def part(self, name: str) -> PartDef:
        return next(part for part in PART_DEFS if part.name == name)

    def row_label(self, form) -> str:
        for part in PART_DEFS:
            if (form.prefix or "").startswith(f"{part.name}-"):
                number = form["ordinal"].value()
                return f"{part.legend} {number}" if number not in (None, "") else part.legend
        return ""

    def part_map(self) -> dict[str, dict]:
        return {
            part.name: {"def": part, "formset": self.formsets[part.name], "open": self._is_open(part)}
            for part in PART_DEFS
        }

    def _is_open(self, part: PartDef) -> bool:
        """A folded part opens when the plan has such rows, or some were typed."""
        formset = self.formsets[part.name]
        if not part.collapsible or self.rows[part.name]:
            return True
        return formset.is_bound and any(form.has_changed() for form in formset.forms)

    def totals(self) -> dict:
        """Participants per class and the budget, from the saved rows (the page updates them live)."""
        groups = self.rows["groups"]
        classes = []
        for session in self.rows["sessions"]:
            members = [group for group in groups if group.session_id == session.pk]
            classes.append({"name": session.name, "total": participant_total(members) if members else 0})
        loose = [group for group in groups if group.session_id is None]
        budget = sum((line.amount for line in self.rows["budget_lines"]), Decimal(0))
        return {
            "classes": classes,
            "loose": {"total": participant_total(loose)} if loose else None,
            "budget": budget,
            "budget_text": format_vnd(budget),
        }


# ---------------------------------------------------------------------------
# The create page
# ---------------------------------------------------------------------------
class PlanStartForm(CatalogFormMixin, forms.Form):
    """Issuer, kind and year of a new plan, started from the kind's template."""

    issuer = IssuerField(label="Cơ quan ban hành", widget=forms.Select(attrs={"data-searchable": "true"}))
    kind = forms.ChoiceField(label="Loại kế hoạch", choices=PlanKind.choices)
    year = forms.IntegerField(
        label="Năm kế hoạch", min_value=1945, max_value=2100, widget=NumberInput(attrs={"size": 5})
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
        widget=forms.Select(attrs={"data-searchable": "true"}),
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
