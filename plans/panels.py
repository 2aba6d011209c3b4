"""The budget section of the plan page after issue: estimate, contributions, actual spending.

See activities/panels.py for what a panel is.
"""


def budget_panel(request, plan) -> dict | None:
    return None
