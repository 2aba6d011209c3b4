"""Choices of organisations, clusters and plans, loaded once per request: the catalog and its fields."""

import datetime
import functools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Model, Q, Value, When
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from clusters.models import Cluster, ClusterMembership, Organization, Staff
from common.forms import _html_attrs, vietnamese_messages
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


SUGGESTION_LIMIT = 60  # bodies offered before any search: cluster members, the issuer's province
UNIT_SUGGESTIONS = 10  # boxes a unit picker offers to tick before any search (the most likely first)
SEARCH_LIMIT = 20  # bodies or plans one search returns
PLAN_SUGGESTION_LIMIT = 20
# Enough parents for a body's path in the tree (province › district › commune › office).
ANCESTORS = "parent__parent__parent"
SOURCES = ("organizations", "issuers", "plans", "legal_texts")


def _digits(value) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 19 else None


class Catalog:
    """The choices of the pickers: a short list of suggestions, the values in use, and a search.

    A picker offers first the plan's cluster members and the bodies of the issuer's own province,
    then any body by a search on the server (`search`); the values a page shows or sends are
    loaded by their keys (`want`, called before the forms are built). So the page costs what the
    plan holds, not the number of bodies or plans in the database.
    """

    def __init__(self, *, user=None, exclude_plan: Plan | None = None):
        self.user = user
        self.plan = exclude_plan
        # Bodies in force in this period come first in the pickers; the others are grouped apart.
        self.period = plan_period(exclude_plan, timezone.localdate())
        self._wanted: dict[str, set[int]] = {"organizations": set(), "plans": set(), "clusters": set()}
        self._found: dict[str, list] = {}
        # Options written once per request and shared by every row's picker (PickerSelect, UnitPicker).
        self.rendered: dict = {}

    # -- keys in use ----------------------------------------------------------------------
    def want(self, source: str, keys) -> None:
        """Load these keys (as sent or saved) along with the suggestions; call before reading."""
        for key in keys:
            if isinstance(key, Model):
                key = key.pk
            text = str(key or "")
            if source == "issuers":
                if text[:1] == "o" and (number := _digits(text[1:])) is not None:
                    self._wanted["organizations"].add(number)
                elif text[:1] == "c" and (number := _digits(text[1:])) is not None:
                    self._wanted["clusters"].add(number)
            elif source in self._wanted and (number := _digits(text)) is not None:
                self._wanted[source].add(number)

    # -- organisations --------------------------------------------------------------------
    @functools.cached_property
    def _issuer_body(self) -> Organization | None:
        """The body whose province is offered first: the plan's issuer, or the user's own body."""
        if self.plan is not None:
            return self.plan.organization or (self.plan.cluster.organization if self.plan.cluster else None)
        if self.user is not None and self.user.pk:
            staff = Staff.objects.filter(user=self.user).select_related("organization").order_by("pk").first()
            return staff.organization if staff else None
        return None

    @functools.cached_property
    def suggested_ids(self) -> list[int]:
        """The bodies offered before any search, most likely first (at most SUGGESTION_LIMIT)."""
        members: list[int] = []
        if self.plan is not None and self.plan.cluster_id:
            members = list(
                ClusterMembership.objects.filter(cluster_id=self.plan.cluster_id, year=self.plan.year)
                .order_by("pk")
                .values_list("organization_id", flat=True)
            )
        body = self._issuer_body
        if body is not None:
            node = Organization.objects.select_related(ANCESTORS).get(pk=body.pk)
            root = node
            while root.parent_id and root.parent is not None:
                root = root.parent
            ranks = [Q(pk__in=members), Q(parent__in=members), Q(pk=body.pk) | Q(parent=body.pk)]
            ranks += [Q(pk=root.pk) | Q(parent=root.pk)]
        else:
            ranks = [Q(parent__isnull=True), Q(parent__parent__isnull=True)]
        rank = Case(
            *(When(condition, then=Value(index)) for index, condition in enumerate(ranks)), default=99
        )
        rows = (
            Organization.objects.annotate(rank=rank)
            .filter(rank__lt=99)
            .order_by("rank", "name", "pk")
            .values_list("pk", flat=True)[:SUGGESTION_LIMIT]
        )
        return list(rows)

    @functools.cached_property
    def organizations(self) -> dict[str, Organization]:
        """The bodies the page may show or receive: suggested ones and those in use."""
        ids = {*self.suggested_ids, *self._wanted["organizations"]}
        rows = Organization.objects.select_related(ANCESTORS).filter(pk__in=ids).order_by()
        return {str(org.pk): org for org in rows}

    def organization_path(self, org: Organization) -> str:
        """ "UBND tỉnh Đồng Tháp › UBND huyện Tháp Mười › Phòng Nội vụ huyện Tháp Mười"."""
        names, node, seen = [], org, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(str(node))
            node = node.parent if "parent" in node._state.fields_cache else None
        return PATH_SEPARATOR.join(reversed(names)) + _ended(org.valid_to)

    @functools.cached_property
    def organization_paths(self) -> dict[str, str]:
        return {key: self.organization_path(org) for key, org in self.organizations.items()}

    @functools.cached_property
    def _sorted_organizations(self) -> list[tuple[str, str]]:
        suggested = {str(pk) for pk in self.suggested_ids}
        return sorted(
            ((key, path) for key, path in self.organization_paths.items() if key in suggested),
            key=lambda item: fold(item[1]),
        )

    @functools.cached_property
    def unit_suggestions(self) -> list[tuple[str, str]]:
        """What a unit picker offers to tick: the likeliest bodies in force (cluster members, then the
        issuer's own body and province), in that order."""
        found = []
        for pk in self.suggested_ids:
            org = self.organizations.get(str(pk))
            if org is not None and _in_force(org, self.period):
                found.append((str(pk), self.organization_paths[str(pk)]))
        return found[:UNIT_SUGGESTIONS]

    @functools.cached_property
    def organization_choices(self) -> list:
        """The suggestions (a value in use but not suggested is added by the picker's widget)."""
        return _grouped(
            self._sorted_organizations, lambda key: _in_force(self.organizations[key], self.period)
        )

    # -- clusters and issuers ---------------------------------------------------------------
    def _cluster_rows(self):
        rows = Cluster.objects.select_related("organization")
        allowed = self._drafting_keys
        if allowed is not None:
            rows = rows.filter(pk__in=[_digits(key[1:]) for key in allowed if key.startswith("c")])
        return rows

    @functools.cached_property
    def clusters(self) -> dict[str, Cluster]:
        """The clusters the user may draft for; for a superuser (any cluster), those in use (the
        plan's own, one sent) and the first ones by name, the others by search."""
        rows = self._cluster_rows().order_by("name")
        if self._drafting_keys is None:
            first = rows.values("pk")[:SUGGESTION_LIMIT]
            rows = rows.filter(Q(pk__in=first) | Q(pk__in=self._wanted["clusters"]))
        return {str(cluster.pk): cluster for cluster in rows}

    @functools.cached_property
    def issuers(self) -> dict[str, Organization | Cluster]:
        allowed = self._drafting_keys
        found: dict[str, Organization | Cluster] = {
            f"o{key}": org
            for key, org in self.organizations.items()
            if allowed is None or f"o{key}" in allowed
        }
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
        self.want("issuers", keys)
        return keys

    @functools.cached_property
    def issuer_choices(self) -> list:
        allowed = self._drafting_keys
        suggested = {str(pk) for pk in self.suggested_ids}
        clusters = [(f"c{key}", cluster_label(cluster)) for key, cluster in self.clusters.items()]
        organizations = sorted(
            (
                (f"o{key}", self.organization_paths[key])
                for key in self.organizations
                if (f"o{key}" in allowed if allowed is not None else key in suggested)
            ),
            key=lambda item: fold(item[1]),
        )
        current = functools.partial(_in_force, period=self.period)
        ended = [choice for choice in organizations + clusters if not current(self.issuers[choice[0]])]
        groups = [
            ("Cơ quan, đơn vị", [choice for choice in organizations if choice not in ended]),
            ("Cụm, khối thi đua", [choice for choice in clusters if choice not in ended]),
            (ENDED_GROUP, ended),
        ]
        return [("", "— Chọn cơ quan hoặc cụm thi đua —"), *[group for group in groups if group[1]]]

    # -- plans -----------------------------------------------------------------------------
    def _plan_rows(self):
        rows = Plan.objects.select_related("organization", "cluster").only(
            "id", "year", "subject", "number", "symbol", "organization", "cluster"
        )
        if self.user is not None:
            rows = policy.visible_plans(self.user, rows)
        if self.plan is not None:
            # A plan implements issued plans of its own or the previous year; links it already has
            # stay valid.
            rows = rows.filter(
                Q(status=PlanStatus.ISSUED, year__gte=self.plan.year - 1, year__lte=self.plan.year)
                | Q(implemented_by__plan=self.plan)
            ).exclude(pk=self.plan.pk)
        return rows

    @functools.cached_property
    def plans(self) -> dict[str, Plan]:
        rows = self._plan_rows()
        if self.plan is not None:
            # The plans it cites, those sent, and the latest of its issuer's plans; others by search.
            issuer = (
                Q(organization=self.plan.organization_id)
                if self.plan.organization_id
                else Q(cluster=self.plan.cluster_id)
            )
            latest = rows.filter(issuer).order_by("-updated_at").values("pk")[:PLAN_SUGGESTION_LIMIT]
            cited = rows.filter(implemented_by__plan=self.plan).values("pk")
            rows = rows.filter(Q(pk__in=latest) | Q(pk__in=cited) | Q(pk__in=self._wanted["plans"]))
        else:
            # The create page offers the most recently updated plans; any other plan is copied
            # from its own page ("Sao chép"), so the select stays small on a large database.
            recent = rows.order_by("-updated_at").values("pk")[:COPY_CHOICES_LIMIT]
            rows = rows.filter(Q(pk__in=recent) | Q(pk__in=self._wanted["plans"]))
        return {str(plan.pk): plan for plan in rows.distinct().order_by("-year", "subject")}

    # -- search on the server ---------------------------------------------------------------
    def search(self, source: str, query: str) -> list[tuple[str, str]]:
        """At most SEARCH_LIMIT (key, label) pairs matching every word of `query` (diacritics
        ignored), the suggestions first; each becomes a valid choice of this catalog."""
        words = fold(query).split()[:8]
        if not words or source not in ("organizations", "issuers", "plans"):
            return []
        if source == "plans":
            rows = self._plan_rows()
            for word in words:
                rows = rows.filter(search_text__contains=word)
            found = list(rows.distinct().order_by("-year", "subject")[:SEARCH_LIMIT])
            self.plans.update({str(plan.pk): plan for plan in found})
            self.__dict__.pop("plan_choices", None)
            return [(str(plan.pk), plan_label(plan)) for plan in found]
        rows = Organization.objects.select_related(ANCESTORS)
        if source == "issuers" and self._drafting_keys is not None:
            rows = rows.filter(pk__in=[_digits(key[1:]) for key in self._drafting_keys if key[:1] == "o"])
        for word in words:
            rows = rows.filter(Q(search_text__contains=word) | Q(parent__search_text__contains=word))
        suggested = Case(When(pk__in=self.suggested_ids, then=Value(0)), default=Value(1))
        found = list(rows.annotate(suggested=suggested).order_by("suggested", "name", "pk")[:SEARCH_LIMIT])
        self.organizations.update({str(org.pk): org for org in found})
        self.organization_paths.update({str(org.pk): self.organization_path(org) for org in found})
        if source == "issuers":
            self.issuers.update({f"o{org.pk}": org for org in found})
            clusters = self._cluster_rows()
            for word in words:
                clusters = clusters.filter(search_text__contains=word)
            more = list(clusters.order_by("name", "pk")[:SEARCH_LIMIT])
            self.clusters.update({str(cluster.pk): cluster for cluster in more})
            self.issuers.update({f"c{cluster.pk}": cluster for cluster in more})
            return [(f"o{org.pk}", self.organization_paths[str(org.pk)]) for org in found] + [
                (f"c{cluster.pk}", cluster_label(cluster)) for cluster in more
            ]
        return [(str(org.pk), self.organization_paths[str(org.pk)]) for org in found]

    def labels(self, source: str) -> dict[str, str]:
        """The label of every loaded key of `source` (what a picker shows for a value in use)."""
        if source == "organizations":
            return self.organization_paths
        if source == "issuers":
            labels = {f"o{key}": path for key, path in self.organization_paths.items()}
            for choice in self.issuer_choices[1:]:
                labels.update(dict(choice[1]))
            return labels
        if source == "plans":
            return dict(self.plan_choices)
        return dict(self.legal_text_choices)

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
        return [(key, plan_label(plan)) for key, plan in self.plans.items()]


def cluster_label(cluster: Cluster) -> str:
    return f"{cluster}{PATH_SEPARATOR}{cluster.organization}{_ended(cluster.valid_to)}"


def plan_label(plan: Plan) -> str:
    return f"{plan.year} · {plan.full_symbol} · {plan.subject}"


def issuer_key(issuer: Organization | Cluster | None) -> str:
    if issuer is None:
        return ""
    return f"c{issuer.pk}" if isinstance(issuer, Cluster) else f"o{issuer.pk}"


PICK_BUTTON = "pick"  # the no-JavaScript search of a picker: the page comes back with what it found
QUERY_SUFFIX = "__q"


class SharedOptionsMixin:
    """A select whose options' HTML is written once per request and shared by every row that shows
    the same choices (`options_key` in the request's `options_cache`, set by the form)."""

    labels: dict[str, str] = {}  # values in use not among the choices, added by a picker
    options_cache: dict | None = None
    options_key: tuple | None = None
    selects_blank = True  # the blank option is marked selected for no value, as Django writes it

    def _shared_select(self, name, value, attrs) -> str | None:
        """The select as Django writes it (common.forms.QuickFormRenderer), from options written
        once per request: a page of many rows repeats the same options in every row."""
        if self.options_cache is None or self.options_key is None or self.allow_multiple_selected:
            return None
        options = self.options_cache.get(self.options_key)
        if options is None:
            options = self.options_cache[self.options_key] = list(_option_html(self.choices))
        chosen = [key for key in self.format_value(value) if key or self.selects_blank]
        shown = {key for key, _, _ in options}
        parts = [format_html('<select name="{}"{}>', name, _html_attrs(self.build_attrs(self.attrs, attrs)))]
        missing = [
            format_html('\n  <option value="{}" selected>{}</option>\n', key, self.labels[key])
            for key in dict.fromkeys(chosen)
            if key not in shown and key in self.labels
        ]
        at = 1 if options and options[0][0] == "" else 0
        for index, (key, plain, selected) in enumerate(options):
            if index == at:
                parts += missing
            parts.append(selected if key is not None and key in chosen else plain)
        if at >= len(options):
            parts += missing
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped by format_html


class SharedSelect(SharedOptionsMixin, forms.Select):
    """A select of a row's field, its options shared by the rows of the part (plans.forms.rows)."""

    def render(self, name, value, attrs=None, renderer=None):
        return self._shared_select(name, value, attrs) or super().render(name, value, attrs, renderer)


class PickerMixin(SharedOptionsMixin):
    """A select over a catalog: the suggestions, plus the values in use that are not among them
    (read from `labels`), and without JavaScript a search box under it; the script replaces that box
    by a search as one types (static/plans/plan_form.js)."""

    source = ""
    selects_blank = False

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        shown = {str(option["value"]) for _, options, _ in groups for option in options}
        missing = [
            key
            for key in value
            if key not in ("", None) and str(key) not in shown and str(key) in self.labels
        ]
        if missing:
            options = [
                self.create_option(name, key, self.labels[str(key)], True, index)
                for index, key in enumerate(missing)
            ]
            groups.insert(
                1 if groups and groups[0][1] and groups[0][1][0]["value"] == "" else 0, (None, options, 0)
            )
        return groups

    def render(self, name, value, attrs=None, renderer=None):
        html = self._shared_select(name, value, attrs) or super().render(name, value, attrs, renderer)
        if not self.source:
            return html
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or name
        return html + format_html(
            '<details class="picker-search" data-picker-search><summary>Tìm trong cả danh mục</summary>'
            '<input type="search" name="{}" aria-label="Từ cần tìm cho ô này" maxlength="100"> '
            '<button type="submit" class="button small" name="{}" value="{}" formaction="#{}">Tìm</button>'
            "</details>",
            name + QUERY_SUFFIX,
            PICK_BUTTON,
            name,
            field_id,
        )


def _option_html(choices):
    """(key, HTML, HTML when selected) of each option and group tag (key None), as
    common.forms.QuickFormRenderer writes them."""
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            tag = format_html('\n  <optgroup label="{}">', key)
            yield None, tag, tag
            yield from _option_html(label)
            yield None, "\n  </optgroup>", "\n  </optgroup>"
            continue
        key = "" if key is None else str(key)
        yield (
            key,
            format_html('\n  <option value="{}">{}</option>\n', key, label),
            format_html('\n  <option value="{}" selected>{}</option>\n', key, label),
        )


class PickerSelect(PickerMixin, forms.Select):
    pass


class UnitPicker(forms.SelectMultiple):
    """Several bodies: the chosen ones as ticked boxes, a short list of suggestions to tick (the
    cluster's members and the issuer's province first) and a search field. Without JavaScript the
    search is a button that shows the page again with what it found; static/plans/plan_form.js
    turns the chosen boxes into removable chips and the field into a search as one types.

    The field's label points to the search field (the boxes are labelled by their own text)."""

    labels: dict[str, str] = {}
    source = "organizations"
    suggestions: list[tuple[str, str]] = []  # (key, label) offered to tick
    heading = "Gợi ý (đánh dấu để chọn)"
    options_cache: dict | None = None
    options_key: tuple | None = None

    def use_required_attribute(self, initial):
        return False

    def _boxes(self, items) -> list[tuple[str, str]]:
        """(key, label) escaped once per request when the list is shared by every row."""
        if self.options_cache is None or self.options_key is None:
            return [(escape(key), escape(label)) for key, label in items]
        found = self.options_cache.get(self.options_key)
        if found is None:
            found = [(escape(key), escape(label)) for key, label in items]
            self.options_cache[self.options_key] = found
        return found

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        field_id = final.get("id") or name
        chosen = [key for key in dict.fromkeys(self.format_value(value)) if key]
        box = '<li><label><input type="checkbox" name="%s" value="%s"%s> %s</label></li>'
        safe_name = escape(name)
        ticked = "".join(
            box % (safe_name, escape(key), " checked", escape(self.labels.get(key, key))) for key in chosen
        )
        offered = "".join(
            box % (safe_name, key, "", label)
            for key, label in self._boxes(self.suggestions)
            if key not in chosen
        )
        described = {key: final[key] for key in ("aria-describedby", "aria-invalid") if key in final}
        search = format_html(
            '<input type="search" name="{}" id="{}" maxlength="100" autocomplete="off" '
            'placeholder="Tìm đơn vị khác (có dấu hoặc không dấu)"{}> '
            '<button type="submit" class="button small" name="{}" value="{}" formaction="#{}" '
            "data-picker-button>Tìm</button>",
            name + QUERY_SUFFIX,
            field_id,
            _html_attrs(described),
            PICK_BUTTON,
            name,
            field_id,
        )
        return mark_safe(  # noqa: S308 - every piece is escaped above
            f'<div class="unit-picker" data-unit-picker="{escape(self.source)}" data-name="{safe_name}">'
            f'<ul class="unit-chosen" data-chosen aria-label="Đơn vị đã chọn">{ticked}</ul>'
            + (f'<p class="help" data-suggested-title>{escape(self.heading)}:</p>' if offered else "")
            + f'<ul class="unit-suggested" data-suggested aria-label="{escape(self.heading)}">{offered}</ul>'
            f'<div class="unit-search" data-picker-search>{search}</div></div>'
        )


class CatalogChoiceField(forms.ChoiceField):
    """A select over a catalog: options come from a list, the cleaned value is the object."""

    keeps_blank_label = True  # its own empty label ("— Không chọn —"), not "— Chọn —"
    widget = PickerSelect

    def __init__(self, *, empty_label="— Không chọn —", **kwargs):
        self.empty_label = empty_label
        self.objects: dict[str, Any] = {}
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list, labels: dict[str, str] | None = None) -> None:
        self.objects = objects
        if not choices or choices[0][0] != "":
            choices = [("", self.empty_label), *choices]
        self.choices = choices
        if isinstance(self.widget, PickerMixin):
            self.widget.labels = labels or {}

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

    widget = UnitPicker

    def __init__(self, **kwargs):
        self.objects: dict[str, Any] = {}
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list, labels: dict[str, str] | None = None) -> None:
        self.objects = objects
        self.choices = choices
        if isinstance(self.widget, PickerMixin):
            self.widget.labels = labels or {}

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
        return CatalogMultipleChoiceField(label=label, widget=UnitPicker(), required=False)
    return CatalogChoiceField(label=label, widget=PickerSelect(attrs=attrs), required=False)


class CatalogFormMixin:
    """Binds the catalog fields of a form to the request's catalog; Vietnamese messages."""

    catalog_fields: dict[str, str] = {}

    def setup_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if getattr(self, "is_bound", False) and hasattr(self.data, "getlist"):
            # The values sent are valid choices once loaded (found by a search, say): asked for
            # before the catalog first loads (the editor asks for every form's at once).
            for name, source in self.catalog_fields.items():
                catalog.want(source, self.data.getlist(self.add_prefix(name)))
        for name, source in self.catalog_fields.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            if source == "organizations":
                objects, choices = catalog.organizations, catalog.organization_choices
            elif source == "plans":
                objects, choices = catalog.plans, catalog.plan_choices
            elif source == "legal_texts":
                objects, choices = catalog.legal_texts, catalog.legal_text_choices
            else:
                objects, choices = catalog.issuers, catalog.issuer_choices
            query = self._picker_query(name) if source != "legal_texts" else ""
            if isinstance(field.widget, UnitPicker):
                self._setup_unit_picker(field, catalog, query)
                continue
            if query:
                found = catalog.search(source, query)
                group = f"Kết quả tìm “{query}”" if found else f"Không tìm thấy “{query}”"
                rest = choices[1:] if choices and choices[0][0] == "" else choices
                head = choices[:1] if choices and choices[0][0] == "" else []
                choices = [*head, (group, found or [("", "—")]), *rest]
            if isinstance(field.widget, PickerMixin):
                field.widget.source = source if source != "legal_texts" else ""
                field.widget.attrs["data-picker"] = field.widget.source
            if isinstance(field.widget, SharedOptionsMixin) and not query:
                field.widget.options_cache = catalog.rendered
                field.widget.options_key = (source, getattr(field, "empty_label", None))
            field.bind(objects, choices, catalog.labels(source))
        vietnamese_messages(self)

    @staticmethod
    def _setup_unit_picker(field, catalog: Catalog, query: str) -> None:
        """Its suggestions, or what a search without JavaScript found; no option list to build."""
        widget = field.widget
        if query:
            widget.suggestions = catalog.search("organizations", query)
            widget.heading = f"Kết quả tìm “{query}”" if widget.suggestions else f"Không tìm thấy “{query}”"
        else:
            widget.suggestions = catalog.unit_suggestions
            widget.options_cache, widget.options_key = catalog.rendered, ("units",)
        field.objects = catalog.organizations
        widget.labels = catalog.organization_paths

    def _picker_query(self, name: str) -> str:
        if not getattr(self, "is_bound", False):
            return ""
        return str(self.data.get(self.add_prefix(name) + QUERY_SUFFIX) or "").strip()[:100]
