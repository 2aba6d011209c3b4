"""The review's papers, drafted into the plans' pipeline (drafted, approved, numbered, frozen there):
the minutes of a closed meeting (biên bản, type "minutes") and the tờ trình of a proposal dossier
(type "proposal"), each with the section blocks that print the meeting's and the dossier's data
(emulation/review_documents.py)."""

from django.db import transaction
from django.utils import timezone

from common.errors import ServiceError
from emulation.documents import issuer_signer
from emulation.models import Proposal, ReviewMeeting
from emulation.services.meetings import lock_meeting
from emulation.services.proposals import lock_proposal
from plans.choices import PlanKind, SectionBlock
from plans.services import RowInput, plan_create

MINUTES_EXIST_MESSAGE = "Cuộc họp đã có biên bản."
PROPOSAL_DOCUMENT_EXISTS_MESSAGE = "Hồ sơ đã có tờ trình."
MINUTES_FIRST_MESSAGE = "Lập biên bản cuộc họp bình xét trước, để tờ trình dẫn biên bản đó."

MINUTES_SUBJECT = "Họp bình xét thi đua, khen thưởng năm {year}"
MINUTES_OPENING = (
    "Hôm nay, ngày {day:%d/%m/%Y}{place}, {issuer} tổ chức họp bình xét, suy tôn các tập thể, cá nhân có "
    "thành tích xuất sắc trong phong trào thi đua năm {year}."
)
PROPOSAL_SUBJECT = "Đề nghị khen thưởng thành tích phong trào thi đua năm {year}"
PROPOSAL_PREAMBLE = (
    "Căn cứ kết quả chấm điểm thi đua và {minutes} họp bình xét ngày {day:%d/%m/%Y}, {issuer} kính đề nghị "
    "{authority} xem xét, khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua "
    "năm {year}, cụ thể như sau:"
)
PROPOSAL_CLOSING = (
    "Danh sách đề nghị đã được công khai {posting}. Hồ sơ kèm theo: Biên bản họp bình xét; bảng tổng hợp "
    "điểm, xếp hạng. Kính đề nghị {authority} xem xét, quyết định."
)


def _issuer_fields(meeting: ReviewMeeting) -> dict:
    return {"cluster": meeting.cluster, "organization": meeting.organization, "year": meeting.year}


def _signer(meeting: ReviewMeeting) -> dict:
    """The head signs the tờ trình; the meeting's chair is usually that person (the drafter may change it)."""
    signer = issuer_signer(cluster=meeting.cluster, organization=meeting.organization)
    return {**signer, "signer_name": meeting.chair_name}


@transaction.atomic
def minutes_draft(*, meeting: ReviewMeeting | int, user):
    """Draft the minutes of a closed meeting: where and when, who attended, the ballot; the chair signs."""
    locked = lock_meeting(meeting, user, while_open=False)
    if locked.minutes_id is not None:
        raise ServiceError(MINUTES_EXIST_MESSAGE)
    place = f", tại {locked.place}" if locked.place else ""
    opening = MINUTES_OPENING.format(
        day=locked.held_on, place=place, issuer=locked.issuer.name, year=locked.year
    )
    document = plan_create(
        user=user,
        fields={
            **_issuer_fields(locked),
            "document_type": "minutes",
            "kind": PlanKind.CONFERENCE,
            "subject": MINUTES_SUBJECT.format(year=locked.year),
            "date_year": locked.held_on.year,
            "date_month": locked.held_on.month,
            "preamble": opening,
            "signer_title": "CHỦ TRÌ",
            "signer_name": locked.chair_name,
            "archive_note": "VT",
        },
        parts={
            "sections": [
                RowInput(
                    key="s1", position=1, values={"heading": "Thành phần", "block": SectionBlock.ATTENDANCE}
                ),
                RowInput(key="s2", position=2, values={"heading": "Nội dung", "block": SectionBlock.BALLOT}),
            ],
            "recipients": [RowInput(key="r1", position=1, values={"text": "Các đơn vị thành viên"})],
        },
    )
    locked.minutes = document
    locked.save(update_fields=["minutes"])
    return document


@transaction.atomic
def proposal_document_draft(*, proposal: Proposal | int, user):
    """Draft the tờ trình of a dossier: to the authority, on the meeting's minutes, with the list."""
    locked = lock_proposal(proposal, user)
    if locked.document_id is not None:
        raise ServiceError(PROPOSAL_DOCUMENT_EXISTS_MESSAGE)
    meeting = locked.meeting
    if meeting.minutes_id is None:
        raise ServiceError(MINUTES_FIRST_MESSAGE)
    minutes = meeting.minutes
    reference = f"Biên bản số {minutes.full_symbol}" if minutes.number else "Biên bản"
    if locked.posting_starts and locked.posting_ends:
        posting = f"từ ngày {locked.posting_starts:%d/%m/%Y} đến ngày {locked.posting_ends:%d/%m/%Y}"
        if locked.posting_place:
            posting += f" ({locked.posting_place})"
    else:
        posting = "theo quy định"
    today = timezone.localdate()
    names = {"authority": locked.authority, "year": meeting.year, "issuer": meeting.issuer.name}
    document = plan_create(
        user=user,
        fields={
            **_issuer_fields(meeting),
            "document_type": "proposal",
            "kind": PlanKind.OTHER,
            "subject": PROPOSAL_SUBJECT.format(**names),
            "addressee": f"{locked.authority.rstrip('.')}.",
            "date_year": today.year,
            "date_month": today.month,
            "preamble": PROPOSAL_PREAMBLE.format(minutes=reference, day=meeting.held_on, **names),
            "closing": PROPOSAL_CLOSING.format(posting=posting, **names),
            **_signer(meeting),
            "archive_note": "VT",
        },
        parts={
            "sections": [RowInput(key="s1", position=1, values={"block": SectionBlock.PROPOSED})],
            "recipients": [
                RowInput(key="r1", position=1, values={"text": "Như trên"}),
                RowInput(key="r2", position=2, values={"text": "Các đơn vị thành viên"}),
            ],
        },
    )
    locked.document = document
    locked.save(update_fields=["document"])
    return document
