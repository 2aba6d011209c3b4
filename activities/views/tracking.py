"""Tracking of activities after issue: status, results, evidence; the calendar."""


def tracking_panel(request, plan) -> dict | None:
    """The plan page's tracking section (see activities/panels.py); None: nothing to show."""
    return None
