"""Sections of the plan page that follow a plan after its issue: registration and tracking.

A panel is a function `(request, plan) -> dict | None`: the template to include and its context, or
None when there is nothing to show. plans.views.browse.plan_detail includes each one.
"""


def registration_panel(request, plan) -> dict | None:
    return None


def tracking_panel(request, plan) -> dict | None:
    return None
