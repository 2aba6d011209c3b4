"""The one gate of every plan page: signed in, the plan among those the user may see (else 404),
and the page's action allowed on it (else 403 with the reason); see `plans.policy`."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from plans import policy
from plans.models import Plan


def plan_view(action: policy.Action, queryset: Callable[[], QuerySet[Plan]] | None = None):
    """Decorate a view `view(request, plan, …)` reached by a URL with the plan's `pk`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, pk: int, *args, **kwargs):
            base = (
                queryset() if queryset is not None else Plan.objects.select_related("organization", "cluster")
            )
            plan = get_object_or_404(policy.visible_plans(request.user, base), pk=pk)
            policy.require(request.user, action, plan)
            return view(request, plan, *args, **kwargs)

        return wrapper

    return decorator
