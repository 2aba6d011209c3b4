"""Sections of the plan page that follow a plan after its issue, each from the view module of its area.

A panel is a function `(request, plan) -> dict | None`: {"template": the template to include, …its
context} or None when there is nothing to show. plans.views.browse.plan_detail includes each one.
"""

from activities.views.registration import registration_panel
from activities.views.tracking import tracking_panel

__all__ = ["registration_panel", "tracking_panel"]
