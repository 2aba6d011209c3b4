"""The kinds of official papers that go through the plan's pipeline, declared once.

A plan (Kế hoạch) is one kind; the emulation year adds its compact, registrations, minutes,
proposals, guidance and reports. Each is a `Plan` row with its `document_type`: it is drafted,
approved, numbered in its issuer's register and frozen exactly as a plan is. What differs between
them is only what is printed and how the number's symbol starts, read from this table by the
document context (`plans.documents.context`), `Plan.effective_symbol`, the numbering register,
the format check and the plan list's filter.

Abbreviations follow Nghị định 30/2020/NĐ-CP, Phụ lục III where it lists the type (`nd30_listed`);
the compact and the registration are not listed there, and their usual abbreviations are taken from
practice, not from a text (check them against the province's own rules).
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class DocumentTypeFacts:
    code: str  # stored in Plan.document_type
    label: str  # lists, filters, the search index: "Kế hoạch"
    title: str  # printed under the header: "KẾ HOẠCH"
    prefix: str  # the symbol's first part and the register's series: "KH" in "05/KH-UBND"
    nd30_listed: bool  # the abbreviation is the one Phụ lục III of Nghị định 30/2020 gives
    has_recipients: bool = True  # prints "Nơi nhận:" and needs its archive line ("Lưu: VT, …")
    has_addressee: bool = False  # may print "Kính gửi: …" under its trích yếu (tờ trình, báo cáo)
    # Signed by the people who held it in their own names (the minutes: the chair and the
    # secretary), never "TM." a collective, whoever issues it.
    signed_in_person: bool = False
    # Who also signs, in their own name, on the left of the same line as the signer, "Nơi nhận:"
    # going below both (the minutes: "THƯ KÝ" beside the chair, as Phụ lục III's mẫu biên bản);
    # the app that keeps the record names them (plans.co_signers).
    co_signer: str = ""


PLAN = "plan"

DOCUMENT_TYPES = (
    DocumentTypeFacts(PLAN, "Kế hoạch", "KẾ HOẠCH", "KH", nd30_listed=True),
    DocumentTypeFacts("compact", "Giao ước thi đua", "GIAO ƯỚC THI ĐUA", "GƯTĐ", nd30_listed=False),
    DocumentTypeFacts("registration", "Bản đăng ký thi đua", "ĐĂNG KÝ THI ĐUA", "ĐKTĐ", nd30_listed=False),
    DocumentTypeFacts("guidance", "Hướng dẫn", "HƯỚNG DẪN", "HD", nd30_listed=True),
    DocumentTypeFacts(
        "minutes", "Biên bản", "BIÊN BẢN", "BB", nd30_listed=True, signed_in_person=True, co_signer="THƯ KÝ"
    ),
    DocumentTypeFacts("proposal", "Tờ trình", "TỜ TRÌNH", "TTr", nd30_listed=True, has_addressee=True),
    DocumentTypeFacts("report", "Báo cáo", "BÁO CÁO", "BC", nd30_listed=True, has_addressee=True),
)
DOCUMENT_TYPES_BY_CODE = {facts.code: facts for facts in DOCUMENT_TYPES}

# The choices of Plan.document_type (and the values its check constraint allows), from the table.
DocumentType = models.TextChoices(
    "DocumentType", [(facts.code.upper(), (facts.code, facts.label)) for facts in DOCUMENT_TYPES]
)


def facts_of(code: str) -> DocumentTypeFacts:
    """The facts of a type; an unknown code (a row older than a type's removal) reads as a plan."""
    return DOCUMENT_TYPES_BY_CODE.get(code) or DOCUMENT_TYPES_BY_CODE[PLAN]
