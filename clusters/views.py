"""Organisation and cluster pages: the tree, members by year, the plans they issued that the user may see.

The directory of bodies and clusters is open to every signed-in user; their plans go through the policy."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from clusters.models import Cluster, Organization, in_force_on
from clusters.selectors import cluster_detail_queryset, memberships_by_year, organization_tree
from plans.policy import visible_plans
from plans.selectors import plan_list_queryset


@require_safe
@login_required
def organization_list(request):
    """Bodies and clusters in force today; with ?dissolved=1 also those merged, split or renamed."""
    everything = request.GET.get("dissolved") == "1"
    today = timezone.localdate()
    clusters = Cluster.objects.select_related("organization").order_by("name")
    return render(
        request,
        "clusters/organization_list.html",
        {
            "tree": organization_tree(None if everything else today),
            "clusters": clusters if everything else clusters.filter(in_force_on(today)),
            "everything": everything,
        },
    )


@require_safe
@login_required
def organization_detail(request, pk: int):
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    return render(
        request,
        "clusters/organization_detail.html",
        {
            "organization": organization,
            "children": organization.children.order_by("name"),
            "successions": organization.links_to_successors.select_related("successor"),
            "predecessions": organization.links_to_predecessors.select_related("predecessor"),
            "memberships": organization.cluster_memberships.select_related("cluster").order_by("-year"),
            "plans": visible_plans(request.user, plan_list_queryset())
            .filter(organization=organization)
            .order_by("-date_key", "-pk"),
        },
    )


@require_safe
@login_required
def cluster_detail(request, pk: int):
    cluster = get_object_or_404(cluster_detail_queryset(), pk=pk)
    return render(
        request,
        "clusters/cluster_detail.html",
        {
            "cluster": cluster,
            "years": memberships_by_year(cluster),
            "plans": visible_plans(request.user, plan_list_queryset())
            .filter(cluster=cluster)
            .order_by("-date_key", "-pk"),
        },
    )
