"""The budget after issue: estimate, member units' contributions, actual spending, disclosure."""


def budget_panel(request, plan) -> dict | None:
    """The plan page's budget follow-up section (see activities/panels.py); None: nothing to show."""
    return None
