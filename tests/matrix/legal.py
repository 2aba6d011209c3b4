"""Access-matrix rows of the legal-text pages (see tests/test_access_matrix.py for the format).

The list of legal texts is not any body's: only the superuser (and an account given the right to
change legal texts, tested in tests/plans/test_legal_texts.py) opens it; every other role is refused.
"""

from plans.models import LegalText


def no_args(world, side: str) -> list:
    return []


def text_args(world, side: str) -> list:
    return [LegalText.objects.get(number="152/2025/NĐ-CP").pk]


MANAGERS = {"admin": 200, "drafter": 403, "approver": 403, "clerk": 403, "member_staff": 403, "overseer": 403}
MANAGERS_POST = {**MANAGERS, "admin": 200}  # an empty form is shown again with its errors

ROWS = {
    "plans:legal_texts": ("get", no_args, MANAGERS, MANAGERS),
    "plans:legal_text_create": ("post", no_args, MANAGERS_POST, MANAGERS_POST),
    "plans:legal_text_edit": ("get", text_args, MANAGERS, MANAGERS),
}
