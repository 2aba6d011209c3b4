"""Choices of organisations, clusters and plans, loaded once per request: the catalog and its fields."""

import datetime
import functools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils import timezone

from clusters.models import Cluster, Organization
from common.forms import vietnamese_messages
from common.text import fold
from plans import policy
from plans.choices import PlanStatus
from plans.legal import in_hierarchy_order
from plans.models import LegalText, Plan

PATH_SEPARATOR = " › "


# ---------------------------------------------------------------------------
# Catalog of choices
# ---------------------------------------------------------------------------
def _ended(valid_to: datetime.date | None) -> str:
    return f" (đến {valid_to:%d/%m/%Y})" if valid_to else ""


COPY_CHOICES_LIMIT = 300
ENDED_GROUP = "Không còn hoạt động vào thời gian của kế hoạch (đã giải thể, sáp nhập)"


def plan_period(plan: Plan | None, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days a plan speaks for: its date once issued, else its month or year; today for a new one."""
    if plan is None:
        return today, today
    if plan.document_date:
        return plan.document_date, plan.document_date
    year = plan.date_year or plan.year
    if plan.date_month:
        start = datetime.date(year, plan.date_month, 1)
        return start, (start + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _in_force(body: Organization | Cluster, period: tuple[datetime.date, datetime.date]) -> bool:
    """In force on some day of `period`."""
    start, end = period
    return (body.valid_from is None or body.valid_from <= end) and (
        body.valid_to is None or body.valid_to >= start
    )


def _grouped(choices: list[tuple[str, str]], in_force) -> list:
    """Bodies in force first, ungrouped; the others in a group of their own at the end."""
    current = [choice for choice in choices if in_force(choice[0])]
    ended = [choice for choice in choices if not in_force(choice[0])]
    return current + ([(ENDED_GROUP, ended)] if ended else [])


class Catalog:
    """Organisations (with their path in the tree), clusters and plans, each loaded in one query."""

    def __init__(self, *, user=None, exclude_plan: Plan | None = None):
        self.user = user
        self.plan = exclude_plan
        # Bodies in force in this period come first in the pickers; the others are grouped apart.
        self.period = plan_period(exclude_plan, timezone.localdate())

    @functools.cached_property
    def organizations(self) -> dict[str, Organization]:
        rows = Organization.objects.only(
            "id", "name", "short_name", "parent_id", "valid_from", "valid_to", "abbreviation"
        )
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
    def _sorted_organizations(self) -> list[tuple[str, str]]:
        return sorted(self.organization_paths.items(), key=lambda item: fold(item[1]))

    @functools.cached_property
    def organization_choices(self) -> list:
        return _grouped(
            self._sorted_organizations, lambda key: _in_force(self.organizations[key], self.period)
        )

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
            for key, label in self._sorted_organizations
            if allowed is None or f"o{key}" in allowed
        ]
        current = functools.partial(_in_force, period=self.period)
        ended = [choice for choice in organizations + clusters if not current(self.issuers[choice[0]])]
        groups = [
            ("Cơ quan, đơn vị", [choice for choice in organizations if choice not in ended]),
            ("Cụm, khối thi đua", [choice for choice in clusters if choice not in ended]),
            (ENDED_GROUP, ended),
        ]
        return [("", "— Chọn cơ quan hoặc cụm thi đua —"), *[group for group in groups if group[1]]]

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
    def legal_texts(self) -> dict[str, LegalText]:
        """Texts in force during the plan's year (today for a new plan), and those the plan cites."""
        if self.plan is not None:
            year = self.plan.year
            in_force = LegalText.objects.in_force_between(
                datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            )
            rows = LegalText.objects.filter(Q(pk__in=in_force.values("pk")) | Q(cited_by__plan=self.plan))
        else:
            rows = LegalText.objects.in_force_on(timezone.localdate())
        return {str(text.pk): text for text in in_hierarchy_order(rows.distinct())}

    @functools.cached_property
    def legal_text_choices(self) -> list[tuple[str, str]]:
        return [(key, text.citation) for key, text in self.legal_texts.items()]

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
            elif source == "legal_texts":
                self.fields[name].bind(catalog.legal_texts, catalog.legal_text_choices)
            elif source == "issuers":
                self.fields[name].bind(catalog.issuers, catalog.issuer_choices)
        vietnamese_messages(self)
