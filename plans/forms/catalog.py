"""Choices of organisations, clusters and plans, loaded once per request (the fields and widgets
that show them: plans.forms.pickers)."""

import datetime
import functools

from django.db.models import Case, Model, Q, Value, When
from django.utils import timezone

from clusters.models import Cluster, ClusterMembership, Organization, Staff
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
