"""Access-matrix rows of a cluster plan's history, by role, before and after its submission.

Cụm thi đua 2's plan of 2024 (head: Tháp Mười; member: Lai Vung) is drafted in two versions, the
first with a text later deleted, then submitted. Each row: role → (status of /history/ while the
plan is a draft, whether the deleted draft text is readable there; the same once submitted). The
staff of the head body, the overseer of the province and the superuser read every version; a
member unit reads the plan only from its submission on, and none of its drafts; another province's
staff never see the plan.
"""

DRAFT_TEXT = "Nội dung nháp sẽ bị xoá trước khi trình"

ROWS = {
    # role: ((status, draft readable) while a draft, (status, draft readable) once submitted)
    "anonymous": ((302, False), (302, False)),
    "admin": ((200, True), (200, True)),
    "drafter": ((200, True), (200, True)),
    "approver": ((200, True), (200, True)),
    "clerk": ((200, True), (200, True)),
    "overseer": ((200, True), (200, True)),
    "member_staff": ((404, False), (200, False)),
    "member_approver": ((404, False), (200, False)),
    "outsider": ((404, False), (404, False)),
}
