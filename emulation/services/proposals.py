"""The writes of a proposal dossier: draw the list from a closed meeting, post it, record and decide
the objections; and what still stands in the way of sending it.

The list is drawn once, from the candidates the meeting passed, in the order of the score table's
ranking (then by votes), each row keeping its rank, score and votes as they were: the dossier says
what the cluster decided, even if a score is corrected later.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from common.errors import ServiceError
from emulation import scoring
from emulation.models import (
    Candidate,
    Objection,
    ObjectionOutcome,
    Proposal,
    ProposedEntry,
    ReviewMeeting,
    authority_warning,
)
from emulation.services.meetings import _full_clean, ballot_base, lock_meeting, vote_share
from plans import policy

PROPOSAL_GONE_MESSAGE = "Hồ sơ đề nghị này không còn (có thể vừa bị xoá); hãy tải lại trang."
NOBODY_PASSED_MESSAGE = "Không có đối tượng nào đạt tỷ lệ phiếu tại cuộc họp nên không có gì để đề nghị."
AUTHORITY_MESSAGE = "Nhập cấp quyết định khen thưởng (Kính gửi), ví dụ: Chủ tịch Ủy ban nhân dân tỉnh."
POSTING_DATES_MESSAGE = "Nhập ngày bắt đầu và ngày kết thúc công khai."
POSTING_ORDER_MESSAGE = "Ngày kết thúc công khai không được trước ngày bắt đầu."
POSTING_BEFORE_MEETING_MESSAGE = "Chỉ công khai được từ ngày họp bình xét ({day:%d/%m/%Y}) trở đi."
POSTING_FIXED_MESSAGE = "Đã có ý kiến phản ánh nên không đổi được ngày bắt đầu công khai."
OBJECTION_CONTENT_MESSAGE = "Nhập nội dung phản ánh."
OBJECTION_BEFORE_POSTING_MESSAGE = "Ngày nhận không được trước ngày bắt đầu công khai ({day:%d/%m/%Y})."
OBJECTION_FUTURE_MESSAGE = "Ngày nhận không được sau ngày hôm nay."
OBJECTION_NOT_POSTED_MESSAGE = "Hồ sơ chưa công khai nên chưa nhận ý kiến phản ánh."
OBJECTION_ENTRY_MESSAGE = "Chọn tập thể, cá nhân trong danh sách đề nghị."
OUTCOME_MESSAGE = "Chọn kết quả xem xét: có cơ sở hoặc không có cơ sở."
ANSWER_MESSAGE = "Ghi nội dung trả lời, xử lý ý kiến phản ánh."
OBJECTION_DECIDED_MESSAGE = "Ý kiến này đã được xử lý."
ALREADY_SENT_MESSAGE = "Tờ trình đã ban hành nên hồ sơ không thay đổi được nữa."

# Why a dossier may not be sent yet (its tờ trình issued), in the order they are fixed.
NOT_POSTED_PROBLEM = "Chưa công khai danh sách đề nghị (nhập thời gian công khai)."
POSTING_RUNNING_PROBLEM = "Đang trong thời gian công khai (đến hết ngày {day:%d/%m/%Y}); chưa gửi được hồ sơ."
PENDING_OBJECTIONS_PROBLEM = "Còn {count} ý kiến phản ánh chưa xử lý."
EMPTY_LIST_PROBLEM = "Danh sách đề nghị không còn tập thể, cá nhân nào."


def lock_proposal(proposal: Proposal | int, user) -> Proposal:
    """The dossier's row, locked, with the user still running its meeting and the tờ trình not yet
    issued (what was sent is never changed)."""
    pk = proposal if isinstance(proposal, int) else proposal.pk
    try:
        locked = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("meeting__cluster", "meeting__organization", "document")
            .get(pk=pk)
        )
    except Proposal.DoesNotExist as error:
        raise ServiceError(PROPOSAL_GONE_MESSAGE) from error
    if (reason := policy.meeting_denial(user, locked.meeting, while_open=False)) is not None:
        raise ServiceError(reason)
    if is_sent(locked):
        raise ServiceError(ALREADY_SENT_MESSAGE)
    return locked


def is_sent(proposal: Proposal) -> bool:
    """The tờ trình has been issued: the dossier went to the authority as it then stood."""
    return proposal.document is not None and proposal.document.number is not None


@transaction.atomic
def proposal_create(*, meeting: ReviewMeeting | int, user, authority_level: str, authority: str) -> Proposal:
    """Draw the dossier from a closed meeting: every candidate it passed, by rank then by votes."""
    locked = lock_meeting(meeting, user, while_open=False)
    authority = " ".join(authority.split())
    if not authority:
        raise ServiceError(AUTHORITY_MESSAGE, field="authority")
    passed = list(locked.candidates.filter(passed=True).select_related("organization", "award"))
    if not passed:
        raise ServiceError(NOBODY_PASSED_MESSAGE)
    ranking = scoring.ranks_for(cluster=locked.cluster, organization=locked.organization, year=locked.year)
    terms = locked.applied_terms
    base = ballot_base(locked, terms)

    def order_key(candidate: Candidate):
        rank, _ = ranking.get(candidate.organization_id, (None, None))
        return (rank is None, rank or 0, -candidate.votes, candidate.order)

    proposal = Proposal(meeting=locked, authority_level=authority_level, authority=authority, created_by=user)
    _full_clean(proposal, exclude=["created_by", "meeting", "document"])
    proposal.save()
    entries = []
    for order, candidate in enumerate(sorted(passed, key=order_key), start=1):
        rank, score = ranking.get(candidate.organization_id, (None, None))
        entries.append(
            ProposedEntry(
                proposal=proposal,
                candidate=candidate,
                order=order,
                name=candidate.name,
                award_name=candidate.award.name,
                votes=candidate.votes,
                vote_share=vote_share(candidate.votes, base),
                rank=rank,
                score=score,
            )
        )
    ProposedEntry.objects.bulk_create(entries)
    return proposal


@transaction.atomic
def posting_set(
    *,
    proposal: Proposal | int,
    user,
    starts: datetime.date | None,
    ends: datetime.date | None,
    place: str = "",
) -> Proposal:
    """Set the public posting period (công khai) of the proposed names and where they are posted."""
    locked = lock_proposal(proposal, user)
    if starts is None or ends is None:
        raise ServiceError(
            POSTING_DATES_MESSAGE, field="posting_starts" if starts is None else "posting_ends"
        )
    if ends < starts:
        raise ServiceError(POSTING_ORDER_MESSAGE, field="posting_ends")
    if starts < locked.meeting.held_on:
        raise ServiceError(
            POSTING_BEFORE_MEETING_MESSAGE.format(day=locked.meeting.held_on), field="posting_starts"
        )
    first = locked.objections.order_by("received_on").values_list("received_on", flat=True).first()
    if first is not None and starts > first:
        raise ServiceError(POSTING_FIXED_MESSAGE, field="posting_starts")
    locked.posting_starts, locked.posting_ends = starts, ends
    locked.posting_place = " ".join(place.split())
    locked.save(update_fields=["posting_starts", "posting_ends", "posting_place"])
    return locked


@transaction.atomic
def objection_record(
    *,
    proposal: Proposal | int,
    user,
    received_on: datetime.date,
    content: str,
    sender: str = "",
    entry: ProposedEntry | None = None,
    today: datetime.date | None = None,
) -> Objection:
    """Record an objection received about the posted names (about one of them, or the whole list)."""
    locked = lock_proposal(proposal, user)
    today = today or timezone.localdate()
    if locked.posting_starts is None:
        raise ServiceError(OBJECTION_NOT_POSTED_MESSAGE)
    errors = {}
    content = content.strip()
    if not content:
        errors["content"] = OBJECTION_CONTENT_MESSAGE
    if received_on < locked.posting_starts:
        errors["received_on"] = OBJECTION_BEFORE_POSTING_MESSAGE.format(day=locked.posting_starts)
    elif received_on > today:
        errors["received_on"] = OBJECTION_FUTURE_MESSAGE
    if entry is not None and entry.proposal_id != locked.pk:
        errors["entry"] = OBJECTION_ENTRY_MESSAGE
    if errors:
        raise ServiceError(errors=errors)
    return Objection.objects.create(
        proposal=locked,
        entry=entry,
        received_on=received_on,
        sender=" ".join(sender.split()),
        content=content,
        recorded_by=user,
    )


@transaction.atomic
def objection_decide(*, objection: Objection | int, user, outcome: str, answer: str) -> Objection:
    """Conclude an objection; an upheld one takes its unit or person off the list (kept, marked)."""
    pk = objection if isinstance(objection, int) else objection.pk
    proposal_id = Objection.objects.filter(pk=pk).values_list("proposal_id", flat=True).first()
    if proposal_id is None:
        raise ServiceError(PROPOSAL_GONE_MESSAGE)
    locked = lock_proposal(proposal_id, user)
    row = (
        Objection.objects.select_for_update(of=("self",)).select_related("entry").get(pk=pk, proposal=locked)
    )
    if row.outcome != ObjectionOutcome.PENDING:
        raise ServiceError(OBJECTION_DECIDED_MESSAGE)
    errors = {}
    if outcome not in (ObjectionOutcome.UPHELD, ObjectionOutcome.DISMISSED):
        errors["outcome"] = OUTCOME_MESSAGE
    if not answer.strip():
        errors["answer"] = ANSWER_MESSAGE
    if errors:
        raise ServiceError(errors=errors)
    row.outcome, row.answer, row.decided_at = outcome, answer.strip(), timezone.now()
    row.save(update_fields=["outcome", "answer", "decided_at"])
    if outcome == ObjectionOutcome.UPHELD and row.entry is not None:
        ProposedEntry.objects.filter(pk=row.entry_id).update(withdrawn=True)
    return row


def send_problems(proposal: Proposal, *, today: datetime.date | None = None) -> list[str]:
    """Why the dossier may not be sent (its tờ trình issued) yet; empty when it may."""
    today = today or timezone.localdate()
    problems = []
    if proposal.posting_starts is None or proposal.posting_ends is None:
        problems.append(NOT_POSTED_PROBLEM)
    elif not proposal.posting_over(today):
        problems.append(POSTING_RUNNING_PROBLEM.format(day=proposal.posting_ends))
    pending = proposal.objections.filter(outcome=ObjectionOutcome.PENDING).count()
    if pending:
        problems.append(PENDING_OBJECTIONS_PROBLEM.format(count=pending))
    if not proposal.entries.filter(withdrawn=False).exists():
        problems.append(EMPTY_LIST_PROBLEM)
    return problems


def authority_warnings(proposal: Proposal, *, day: datetime.date | None = None) -> list[str]:
    """A warning for each award on the list that the authority asked may not decide (the catalogue's
    check on `day`, today by default): a warning, since the catalogue may lag behind a new text."""
    day = day or timezone.localdate()
    awards = {}
    for entry in proposal.entries.select_related("candidate__award"):
        if not entry.withdrawn:
            awards.setdefault(entry.candidate.award_id, entry.candidate.award)
    found = (authority_warning(proposal.authority_level, award, day) for award in awards.values())
    return [warning for warning in found if warning]


def issue_gate(plan) -> list[str]:
    """Why the tờ trình `plan` may not be issued yet (plans.issue_gates): the dossier is not ready
    to be sent. Nothing for any other paper."""
    proposal = Proposal.objects.filter(document=plan).first()
    return send_problems(proposal) if proposal is not None else []
