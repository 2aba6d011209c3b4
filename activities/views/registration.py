"""Registration of participants by member units, and the organiser's follow-up."""


def registration_panel(request, plan) -> dict | None:
    """The plan page's registration section (see activities/panels.py); None: nothing to show."""
    return None
