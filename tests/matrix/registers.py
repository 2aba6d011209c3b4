"""Access-matrix rows of the numbering register (see tests/test_access_matrix.py for the format).

"own": the register of the world's own body, kept by its records clerk (and the superuser);
"other": another body's register: only the superuser, the body administrator, may keep it.
"""


def body_args(world, side: str) -> list:
    return [(world.own if side == "own" else world.other).pk]


KEEPERS = {
    "admin": 200,
    "drafter": 404,
    "approver": 404,
    "clerk": 200,
    "member_staff": 404,
    "overseer": 404,
}

ROWS = {
    "plans:register": ("get", body_args, KEEPERS, {**dict.fromkeys(KEEPERS, 404), "admin": 200}),
}
