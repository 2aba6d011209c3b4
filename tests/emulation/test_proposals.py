"""The proposal dossier: drawn from who passed, in the score table's ranking; the meeting's close locks
the scores; the posting and the objections decide when it may be sent; the authority is checked."""

import datetime
from decimal import Decimal

import pytest

from common.errors import ServiceError
from emulation import scoring
from emulation.models import Award, ObjectionOutcome
from emulation.models.scores import ScoreSide
from emulation.services import meetings, proposals
from emulation.services.meetings import AttendeeInput, CandidateInput

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 12, 20)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def closed_meeting(world, *, votes=(5, 4), chair_name="A", secretary_name="B"):
    user = world.users["approver"]
    meeting = meetings.meeting_create(
        user=user,
        cluster=world.cluster,
        year=2024,
        held_on=DAY,
        chair_name=chair_name,
        secretary_name=secretary_name,
    )
    meetings.meeting_record(
        meeting=meeting,
        user=user,
        fields={"ballots_issued": 6, "ballots_valid": 6},
        attendees=[AttendeeInput(full_name=f"Đại biểu {index}") for index in range(6)],
        candidates=[
            CandidateInput(organization=world.own, award=award("co-thi-dua-tinh"), votes=votes[0]),
            CandidateInput(organization=world.member, award=award("bang-khen-tinh"), votes=votes[1]),
        ],
    )
    return meetings.meeting_close(meeting=meeting, user=user)


def score(world, table, unit, points: str):
    scoring.score_set(
        actor=world.users["admin"],
        table=table,
        unit_id=unit.pk,
        criterion=table.named["qualitative"],
        side=ScoreSide.SELF,
        points=points,
    )


def test_closing_the_meeting_locks_the_score_table(world, table):
    score(world, table, world.own, "6")
    closed_meeting(world)
    table.refresh_from_db()
    assert table.is_locked
    with pytest.raises(ServiceError):
        score(world, table, world.member, "9")


def test_the_list_follows_the_ranking_and_keeps_rank_score_and_votes(world, table):
    score(world, table, world.own, "6")
    score(world, table, world.member, "9.5")
    meeting = closed_meeting(world, votes=(6, 4))  # Tháp Mười has more votes, Lai Vung more points
    proposal = proposals.proposal_create(
        meeting=meeting,
        user=world.users["drafter"],
        authority_level="province_chair",
        authority="Chủ tịch UBND tỉnh",
    )
    rows = [(e.name, e.rank, e.score, e.votes, e.vote_share) for e in proposal.entries.all()]
    assert rows == [
        ("Ủy ban nhân dân huyện Lai Vung", 1, Decimal("9.50"), 4, Decimal("66.67")),
        ("Ủy ban nhân dân huyện Tháp Mười", 2, Decimal("6.00"), 6, Decimal("100.00")),
    ]
    assert proposals.authority_warnings(proposal) == []


def test_only_those_who_passed_are_proposed_and_the_authority_is_checked(world):
    meeting = closed_meeting(world, votes=(5, 3))  # 3 of 6 is not more than half
    proposal = proposals.proposal_create(
        meeting=meeting,
        user=world.users["approver"],
        authority_level="commune_chair",
        authority="Chủ tịch UBND xã",
    )
    assert [entry.name for entry in proposal.entries.all()] == ["Ủy ban nhân dân huyện Tháp Mười"]
    [warning] = proposals.authority_warnings(proposal, day=datetime.date(2026, 3, 1))
    assert "Chủ tịch Ủy ban nhân dân cấp xã không quyết định “Cờ thi đua của Ủy ban nhân dân tỉnh”" in warning


def test_a_dossier_is_sent_only_after_the_posting_and_with_every_objection_answered(world):
    proposal = proposals.proposal_create(
        meeting=closed_meeting(world),
        user=world.users["approver"],
        authority_level="province_chair",
        authority="X",
    )
    user = world.users["approver"]
    assert proposals.send_problems(proposal) == [proposals.NOT_POSTED_PROBLEM]
    with pytest.raises(ServiceError) as refused:
        proposals.posting_set(proposal=proposal, user=user, starts=DAY - datetime.timedelta(days=1), ends=DAY)
    assert refused.value.errors == {
        "posting_starts": ["Chỉ công khai được từ ngày họp bình xét (20/12/2024) trở đi."]
    }
    proposals.posting_set(proposal=proposal, user=user, starts=DAY, ends=DAY + datetime.timedelta(days=7))
    entry = proposal.entries.first()
    objection = proposals.objection_record(
        proposal=proposal,
        user=user,
        received_on=DAY + datetime.timedelta(days=2),
        content="Xin xem lại",
        entry=entry,
    )
    proposal.refresh_from_db()
    during = DAY + datetime.timedelta(days=3)
    assert proposals.send_problems(proposal, today=during) == [
        "Đang trong thời gian công khai (đến hết ngày 27/12/2024); chưa gửi được hồ sơ.",
        "Còn 1 ý kiến phản ánh chưa xử lý.",
    ]
    with pytest.raises(ServiceError) as refused:
        proposals.objection_decide(
            objection=objection, user=user, outcome=ObjectionOutcome.DISMISSED, answer=" "
        )
    assert refused.value.errors == {"answer": [proposals.ANSWER_MESSAGE]}
    proposals.objection_decide(
        objection=objection, user=user, outcome=ObjectionOutcome.DISMISSED, answer="Đơn vị đạt đủ tiêu chuẩn."
    )
    assert proposals.send_problems(proposal, today=DAY + datetime.timedelta(days=8)) == []
    entry.refresh_from_db()
    assert not entry.withdrawn


def test_a_member_unit_cannot_draw_or_post_the_dossier(world):
    meeting = closed_meeting(world)
    with pytest.raises(ServiceError) as refused:
        proposals.proposal_create(
            meeting=meeting, user=world.users["member_staff"], authority_level="province_chair", authority="X"
        )
    assert "đơn vị tổ chức bình xét" in refused.value.message
