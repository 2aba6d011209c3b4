"""Who signs a document beside its signer, named by the app that keeps the record.

A biên bản is signed by its secretary on the left and by its chair, the document's own signer, on
the right of the same line (Nghị định 30/2020/NĐ-CP, Phụ lục III, mẫu biên bản). Its type says so
and gives the printed title (`DocumentTypeFacts.co_signer`); the app that keeps the meeting
registers, in `AppConfig.ready()`, how to find the secretary's name, so plans imports no app above
it (as with plans.section_blocks and plans.issue_gates).

A namer is `name(plan) -> str`: the co-signer's full name, "" when it knows none (the block then
prints with room to sign and no name typed).
"""

from collections.abc import Callable

from plans.models import Plan

Namer = Callable[[Plan], str]

_namers: dict[str, Namer] = {}


def register(document_type: str, namer: Namer) -> Namer:
    """Name the co-signer of every document of `document_type` with `namer`; registering the type
    again replaces it (ready() may run twice)."""
    _namers[document_type] = namer
    return namer


def name_of(plan: Plan) -> str:
    """The full name of who signs `plan` beside its signer, "" when no app knows it."""
    namer = _namers.get(plan.document_type)
    return namer(plan).strip() if namer else ""
