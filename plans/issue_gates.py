"""What another app says must happen before one of its papers is issued, registered by that app.

A paper of the emulation year (a tờ trình đề nghị khen thưởng) may be issued only once its own
business allows it: the proposed names posted publicly and every objection answered. The app that
owns those rows registers a check in `AppConfig.ready()`; `plans.workflow.plan_issue` asks every
check, so plans imports no app above it (as with plans.section_blocks).

A check is `check(plan) -> list[str]`: the reasons in Vietnamese why the plan may not be issued
yet, empty when it may (and for a plan it knows nothing about).
"""

from collections.abc import Callable

from plans.models import Plan

Check = Callable[[Plan], list[str]]

_checks: dict[str, Check] = {}


def register(name: str, check: Check) -> Check:
    """Ask `check` before every issue; registering a name again replaces it (ready() may run twice)."""
    _checks[name] = check
    return check


def reasons(plan: Plan) -> list[str]:
    """Every registered check's reasons why `plan` may not be issued yet."""
    return [reason for check in _checks.values() for reason in check(plan)]
