"""The writes of a review meeting: open it, record attendance, candidates and ballot counts, close it.

Each is keyword-only, takes the acting user and runs in one transaction on the locked meeting, asking
the policy again on the locked row (the page may be stale). Closing decides who passes by the
cluster's rule of the year (`rule_for`), keeps the terms it applied, and locks the score table.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clusters.models import Cluster, ClusterMembership, Organization
from common.errors import ServiceError
from emulation import scoring
from emulation.models import (
    DEFAULT_RULE,
    Attendee,
    Award,
    BallotBasis,
    Candidate,
    CandidateKind,
    MeetingChange,
    MeetingStatus,
    ReviewMeeting,
    RuleTerms,
    VotingRule,
)
from plans import policy

LOCK_NOTE = "Khóa khi kết thúc cuộc họp bình xét ngày {day:%d/%m/%Y}"
MEETING_GONE_MESSAGE = "Cuộc họp bình xét này không còn (có thể vừa bị xoá); hãy tải lại trang."
NO_ISSUER_MESSAGE = "Chọn cụm thi đua hoặc cơ quan tổ chức bình xét."
BOTH_ISSUERS_MESSAGE = "Chọn cụm thi đua hoặc cơ quan, không chọn cả hai."
DATE_YEAR_MESSAGE = "Ngày họp phải trong năm {year} hoặc năm {next_year} (họp bình xét năm {year})."
NO_CANDIDATES_MESSAGE = "Chưa có đối tượng nào được đưa ra bình xét."
NO_COUNTS_MESSAGE = "Nhập số phiếu phát ra và số phiếu hợp lệ trước khi kết thúc cuộc họp."
VALID_ABOVE_ISSUED_MESSAGE = "Số phiếu hợp lệ ({valid}) không được lớn hơn số phiếu phát ra ({issued})."
ISSUED_ABOVE_PRESENT_MESSAGE = (
    "Số phiếu phát ra ({issued}) lớn hơn số đại biểu có mặt ({present}); kiểm tra lại danh sách dự họp."
)
NO_PRESENT_MESSAGE = "Chưa có đại biểu nào có mặt trong danh sách dự họp."
MISSING_VOTES_MESSAGE = "Nhập số phiếu đồng ý của {name}."
VOTES_ABOVE_VALID_MESSAGE = "{name}: số phiếu đồng ý ({votes}) lớn hơn số phiếu hợp lệ ({valid})."
VOTES_FIELD_MESSAGE = "Số phiếu đồng ý ({votes}) lớn hơn số phiếu hợp lệ ({valid})."
PERSON_NAME_MESSAGE = "Nhập họ và tên cá nhân được bình xét."
COLLECTIVE_NAME_MESSAGE = "Tập thể thì không ghi họ và tên cá nhân."
UNIT_MESSAGE = "Chọn đơn vị trong danh sách."
AWARD_MESSAGE = "Chọn danh hiệu, hình thức khen thưởng đề nghị trong danh mục."
ATTENDEE_NAME_MESSAGE = "Nhập họ và tên đại biểu."
DUPLICATE_CANDIDATE_MESSAGE = "{name} đã có trong danh sách bình xét cho “{award}”."


def rule_for(
    *, cluster: Cluster | None = None, organization: Organization | None = None, year: int
) -> RuleTerms:
    """The share of votes the cluster's (or body's) regulations set for the year, else the default."""
    rule = VotingRule.objects.filter(cluster=cluster, organization=organization, year=year).first()
    return rule.terms if rule is not None else DEFAULT_RULE


def eligible_units(meeting: ReviewMeeting):
    """The units a meeting's attendees and candidates come from: the cluster's members of the year,
    or the body and the bodies under it."""
    if meeting.cluster_id:
        members = ClusterMembership.objects.filter(cluster_id=meeting.cluster_id, year=meeting.year)
        return Organization.objects.filter(pk__in=members.values("organization")).order_by("name")
    return Organization.objects.filter(pk=meeting.organization_id) | Organization.objects.filter(
        parent_id=meeting.organization_id
    )


def _require(user, meeting: ReviewMeeting, *, while_open: bool | None) -> None:
    if (reason := policy.meeting_denial(user, meeting, while_open=while_open)) is not None:
        raise ServiceError(reason)


def lock_meeting(meeting: ReviewMeeting | int, user, *, while_open: bool | None = True) -> ReviewMeeting:
    """The meeting's row, locked until the transaction ends, with the user still allowed to act on it."""
    pk = meeting if isinstance(meeting, int) else meeting.pk
    try:
        locked = (
            ReviewMeeting.objects.select_for_update(of=("self",))
            .select_related("cluster", "organization")
            .get(pk=pk)
        )
    except ReviewMeeting.DoesNotExist as error:
        raise ServiceError(MEETING_GONE_MESSAGE) from error
    _require(user, locked, while_open=while_open)
    return locked


def _full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise ServiceError(errors=error.message_dict) from error


@transaction.atomic
def meeting_create(
    *,
    user,
    year: int,
    held_on: datetime.date,
    chair_name: str,
    secretary_name: str,
    cluster: Cluster | None = None,
    organization: Organization | None = None,
    place: str = "",
    chair_title: str = "",
    secretary_title: str = "",
) -> ReviewMeeting:
    """Open a review meeting of a cluster (or a body) for a year, run by its head's staff."""
    if cluster is None and organization is None:
        raise ServiceError(NO_ISSUER_MESSAGE, field="cluster")
    if cluster is not None and organization is not None:
        raise ServiceError(BOTH_ISSUERS_MESSAGE, field="cluster")
    if (
        reason := policy.review_denial(user, cluster=cluster, organization=organization, year=year)
    ) is not None:
        raise ServiceError(reason)
    if held_on.year not in (year, year + 1):
        raise ServiceError(DATE_YEAR_MESSAGE.format(year=year, next_year=year + 1), field="held_on")
    meeting = ReviewMeeting(
        cluster=cluster,
        organization=organization,
        year=year,
        held_on=held_on,
        place=place.strip(),
        chair_name=chair_name.strip(),
        chair_title=chair_title.strip(),
        secretary_name=secretary_name.strip(),
        secretary_title=secretary_title.strip(),
        created_by=user,
    )
    _full_clean(meeting, exclude=["created_by"])
    meeting.save()
    log_change(meeting, user, "create", {}, snapshot(meeting))
    return meeting


def _text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def snapshot(meeting: ReviewMeeting) -> dict[str, str | list[str]]:
    """What the meeting holds, part by part, as the minutes print it: its details, who attended,
    each candidate with its award and votes (and, once closed, the result)."""
    attendees = [
        " – ".join(part for part in (row.full_name, row.position) if part)
        + ("" if row.present else " (vắng)")
        for row in meeting.attendees.order_by("order")
    ]
    candidates = [
        f"{row.name} – {row.award_name}: {_text(row.votes) or '…'} phiếu"
        + ("" if row.passed is None else (" – đạt" if row.passed else " – không đạt"))
        for row in meeting.candidates.select_related("organization", "award").order_by("order")
    ]
    return {
        **{name: _text(getattr(meeting, name)) for name in MEETING_FIELDS},
        "attendees": attendees,
        "candidates": candidates,
    }


def log_change(meeting: ReviewMeeting, user, action: str, before: dict, after: dict) -> MeetingChange | None:
    """One row of the meeting's change log: the parts whose value changed (nothing when none did,
    except for opening and closing, which are logged as steps)."""
    changes = {
        part: {"before": before.get(part, ""), "after": value}
        for part, value in after.items()
        if before.get(part, "" if not isinstance(value, list) else []) != value
    }
    if not changes and action == "record":
        return None
    return MeetingChange.objects.create(meeting=meeting, actor=user, action=action, changes=changes)


@dataclass(frozen=True)
class AttendeeInput:
    full_name: str
    organization: Organization | None = None
    position: str = ""
    present: bool = True
    absence_reason: str = ""


@dataclass(frozen=True)
class CandidateInput:
    organization: Organization | None
    award: Award | None
    kind: str = CandidateKind.COLLECTIVE
    person_name: str = ""
    person_position: str = ""
    votes: int | None = None


MEETING_FIELDS = (
    "held_on",
    "place",
    "chair_name",
    "chair_title",
    "secretary_name",
    "secretary_title",
    "ballots_issued",
    "ballots_valid",
)


@transaction.atomic
def meeting_record(
    *,
    meeting: ReviewMeeting | int,
    user,
    fields: dict,
    attendees: list[AttendeeInput],
    candidates: list[CandidateInput],
) -> ReviewMeeting:
    """Save what the secretary records while the meeting runs: its details and ballot counts, who
    attended, the candidates and their votes. The lists replace those saved before.

    Raises ServiceError with each message on its field, or on its row ("attendees-N", "candidates-N").
    """
    locked = lock_meeting(meeting, user, while_open=True)
    before = snapshot(locked)
    for name in MEETING_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    errors: dict[str | None, list[str]] = {}
    if locked.held_on.year not in (locked.year, locked.year + 1):
        errors["held_on"] = [DATE_YEAR_MESSAGE.format(year=locked.year, next_year=locked.year + 1)]
    if (
        locked.ballots_issued is not None
        and locked.ballots_valid is not None
        and locked.ballots_valid > locked.ballots_issued
    ):
        errors["ballots_valid"] = [
            VALID_ABOVE_ISSUED_MESSAGE.format(valid=locked.ballots_valid, issued=locked.ballots_issued)
        ]
    units = set(eligible_units(locked).values_list("pk", flat=True))
    rows: dict[str, dict[str | None, list[str]]] = {}
    for index, item in enumerate(attendees):
        if not item.full_name.strip():
            rows.setdefault(f"attendees-{index}", {})["full_name"] = [ATTENDEE_NAME_MESSAGE]
        if item.organization is not None and item.organization.pk not in units:
            rows.setdefault(f"attendees-{index}", {})["organization"] = [UNIT_MESSAGE]
    seen = set()
    for index, item in enumerate(candidates):
        row = rows.setdefault(f"candidates-{index}", {})
        if item.organization is None or item.organization.pk not in units:
            row["organization"] = [UNIT_MESSAGE]
        if item.award is None:
            row["award"] = [AWARD_MESSAGE]
        if item.kind == CandidateKind.INDIVIDUAL and not item.person_name.strip():
            row["person_name"] = [PERSON_NAME_MESSAGE]
        if item.kind == CandidateKind.COLLECTIVE and item.person_name.strip():
            row["person_name"] = [COLLECTIVE_NAME_MESSAGE]
        if item.votes is not None and locked.ballots_valid is not None and item.votes > locked.ballots_valid:
            row["votes"] = [VOTES_FIELD_MESSAGE.format(votes=item.votes, valid=locked.ballots_valid)]
        key = (item.organization, item.person_name.strip(), item.award)
        if not row and key in seen:
            row["award"] = [
                DUPLICATE_CANDIDATE_MESSAGE.format(
                    name=item.person_name or item.organization, award=item.award
                )
            ]
        seen.add(key)
    rows = {key: value for key, value in rows.items() if value}
    if errors or rows:
        raise ServiceError(errors=errors, rows=rows)
    _full_clean(locked, exclude=["created_by", "closed_by", "minutes"])
    locked.save(update_fields=list(MEETING_FIELDS))
    locked.attendees.all().delete()
    Attendee.objects.bulk_create(
        Attendee(
            meeting=locked,
            organization=item.organization,
            full_name=item.full_name.strip(),
            position=item.position.strip(),
            present=item.present,
            absence_reason="" if item.present else item.absence_reason.strip(),
            order=order,
        )
        for order, item in enumerate(attendees, start=1)
    )
    locked.candidates.all().delete()
    Candidate.objects.bulk_create(
        Candidate(
            meeting=locked,
            kind=item.kind,
            organization=item.organization,
            person_name=item.person_name.strip(),
            person_position=item.person_position.strip(),
            award=item.award,
            votes=item.votes,
            order=order,
        )
        for order, item in enumerate(candidates, start=1)
    )
    log_change(locked, user, "record", before, snapshot(locked))
    # The score table is locked in the same transaction: a refusal there leaves the meeting open.
    table = scoring.table_in_force(cluster=locked.cluster, organization=locked.organization, year=locked.year)
    if table is not None and not table.is_locked:
        scoring.lock_table(actor=user, table=table, note=LOCK_NOTE.format(day=locked.held_on))
    return locked


def ballot_base(meeting: ReviewMeeting, terms: RuleTerms, *, present: int | None = None) -> int:
    """What the votes are counted against under `terms`: valid ballots, ballots issued or people present."""
    if terms.basis == BallotBasis.ISSUED:
        return meeting.ballots_issued or 0
    if terms.basis == BallotBasis.PRESENT:
        return present if present is not None else meeting.attendees.filter(present=True).count()
    return meeting.ballots_valid or 0


def close_problems(meeting: ReviewMeeting, candidates: list[Candidate], present: int) -> list[str]:
    """Why the meeting cannot close yet, in the order a secretary fixes them."""
    problems = []
    if meeting.ballots_issued is None or meeting.ballots_valid is None:
        problems.append(NO_COUNTS_MESSAGE)
    elif meeting.ballots_valid > meeting.ballots_issued:
        problems.append(
            VALID_ABOVE_ISSUED_MESSAGE.format(valid=meeting.ballots_valid, issued=meeting.ballots_issued)
        )
    if not present:
        problems.append(NO_PRESENT_MESSAGE)
    elif meeting.ballots_issued is not None and meeting.ballots_issued > present:
        problems.append(ISSUED_ABOVE_PRESENT_MESSAGE.format(issued=meeting.ballots_issued, present=present))
    if not candidates:
        problems.append(NO_CANDIDATES_MESSAGE)
    for candidate in candidates:
        if candidate.votes is None:
            problems.append(MISSING_VOTES_MESSAGE.format(name=candidate.name))
        elif meeting.ballots_valid is not None and candidate.votes > meeting.ballots_valid:
            problems.append(
                VOTES_ABOVE_VALID_MESSAGE.format(
                    name=candidate.name, votes=candidate.votes, valid=meeting.ballots_valid
                )
            )
    return problems


@transaction.atomic
def meeting_close(
    *, meeting: ReviewMeeting | int, user, now: datetime.datetime | None = None
) -> ReviewMeeting:
    """End the meeting: decide who passes by the rule of the year, keep the terms applied, lock the
    score table. Nothing is recorded on the meeting after this.

    Raises ServiceError with every reason the meeting cannot close yet.
    """
    locked = lock_meeting(meeting, user, while_open=True)
    before = snapshot(locked)
    candidates = list(locked.candidates.select_related("organization", "award"))
    present = locked.attendees.filter(present=True).count()
    if problems := close_problems(locked, candidates, present):
        raise ServiceError(errors={None: problems})
    terms = rule_for(cluster=locked.cluster, organization=locked.organization, year=locked.year)
    base = ballot_base(locked, terms, present=present)
    for candidate in candidates:
        candidate.passed = terms.passes(candidate.votes, base)
    Candidate.objects.bulk_update(candidates, ["passed"])
    locked.status = MeetingStatus.CLOSED
    locked.closed_at = now or timezone.now()
    locked.closed_by = user
    locked.rule_share, locked.rule_inclusive = terms.share, terms.inclusive
    locked.rule_basis, locked.rule_source = terms.basis, terms.source
    locked.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "rule_share",
            "rule_inclusive",
            "rule_basis",
            "rule_source",
        ]
    )
    log_change(locked, user, "close", before, snapshot(locked))
    return locked


def terms_of(meeting: ReviewMeeting) -> RuleTerms:
    """The terms a closed meeting applied, or those an open one will apply if it closes now."""
    return meeting.applied_terms or rule_for(
        cluster=meeting.cluster, organization=meeting.organization, year=meeting.year
    )


def vote_share(votes: int | None, base: int) -> Decimal | None:
    """The votes as a percentage of the base, to two decimals; None when there is nothing to count."""
    if not base or votes is None:
        return None
    return (Decimal(votes) * 100 / base).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
