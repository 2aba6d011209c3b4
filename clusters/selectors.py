"""Reads of organisations and clusters."""

from collections import defaultdict

from django.db.models import Prefetch, QuerySet

from clusters.choices import MembershipRole
from clusters.models import Cluster, ClusterMembership, Organization, in_force_on


def organization_tree(in_force_on_day=None) -> list[tuple[Organization, int]]:
    """Every organisation (or those in force on the day given) with its depth, parents before their
    children, in one query; a body whose parent is left out stands at the top."""
    organizations = Organization.objects.order_by("name")
    if in_force_on_day is not None:
        organizations = organizations.filter(in_force_on(in_force_on_day))
    organizations = list(organizations)
    shown = {organization.pk for organization in organizations}
    children = defaultdict(list)
    for organization in organizations:
        children[organization.parent_id if organization.parent_id in shown else None].append(organization)
    ordered: list[tuple[Organization, int]] = []
    stack = [(root, 0) for root in reversed(children[None])]
    while stack:
        organization, depth = stack.pop()
        ordered.append((organization, depth))
        stack.extend((child, depth + 1) for child in reversed(children[organization.pk]))
    return ordered


def memberships_by_year(cluster: Cluster) -> list[tuple[int, list[ClusterMembership]]]:
    """The cluster's members grouped by year, newest first, head and deputy before members."""
    rank = {MembershipRole.HEAD: 0, MembershipRole.DEPUTY: 1, MembershipRole.MEMBER: 2}
    years: dict[int, list[ClusterMembership]] = defaultdict(list)
    for membership in cluster.memberships.all():
        years[membership.year].append(membership)
    for members in years.values():
        members.sort(key=lambda membership: (rank[membership.role], membership.organization.name))
    return sorted(years.items(), reverse=True)


def cluster_detail_queryset() -> QuerySet[Cluster]:
    return Cluster.objects.select_related("organization").prefetch_related(
        Prefetch("memberships", queryset=ClusterMembership.objects.select_related("organization"))
    )
