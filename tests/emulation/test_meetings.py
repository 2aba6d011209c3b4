"""The review meeting: who passes by the cluster's rule, what closing requires and freezes, who runs it."""

import datetime
from decimal import Decimal

import pytest

from common.errors import ServiceError
from emulation.models import (
    DEFAULT_RULE,
    Award,
    BallotBasis,
    CandidateKind,
    MeetingStatus,
    RuleTerms,
    VotingRule,
)
from emulation.services import meetings as services
from emulation.services.meetings import AttendeeInput, CandidateInput

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 12, 20)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def open_meeting(world, user_role="approver"):
    return services.meeting_create(
        user=world.users[user_role],
        cluster=world.cluster,
        year=2024,
        held_on=DAY,
        chair_name="Nguyễn Văn A",
        chair_title="Chủ tịch UBND huyện Tháp Mười, Cụm trưởng",
        secretary_name="Trần Thị B",
    )


def record(world, meeting, *, issued=7, valid=7, votes=(5, 4), present=7):
    attendees = [
        AttendeeInput(full_name=f"Đại biểu {index}", organization=world.own) for index in range(present)
    ]
    attendees.append(
        AttendeeInput(full_name="Vắng mặt", organization=world.member, present=False, absence_reason="Ốm")
    )
    candidates = [
        CandidateInput(organization=world.own, award=award("co-thi-dua-tinh"), votes=votes[0]),
        CandidateInput(organization=world.member, award=award("bang-khen-tinh"), votes=votes[1]),
    ]
    return services.meeting_record(
        meeting=meeting,
        user=world.users["approver"],
        fields={"ballots_issued": issued, "ballots_valid": valid},
        attendees=attendees,
        candidates=candidates,
    )


def test_default_rule_is_more_than_half_of_valid_ballots():
    assert DEFAULT_RULE.describe() == "trên 50% số phiếu hợp lệ"
    assert not DEFAULT_RULE.passes(3, 6)  # exactly half is not more than half
    assert DEFAULT_RULE.passes(4, 7)
    seventy = RuleTerms(share=Decimal(70), inclusive=True, basis=BallotBasis.ISSUED)
    assert seventy.describe() == "từ 70% số phiếu phát ra trở lên"
    assert seventy.passes(7, 10)
    assert not seventy.passes(6, 10)
    assert not seventy.passes(0, 0)


def test_closing_decides_by_the_default_rule_and_keeps_the_terms(world):
    meeting = record(world, open_meeting(world), votes=(4, 3))
    closed = services.meeting_close(meeting=meeting, user=world.users["approver"])
    assert closed.status == MeetingStatus.CLOSED
    passed = {candidate.organization_id: candidate.passed for candidate in closed.candidates.all()}
    assert passed == {world.own.pk: True, world.member.pk: False}  # 4/7 > 50%, 3/7 is not
    assert closed.applied_terms.describe() == "trên 50% số phiếu hợp lệ"


def test_closing_follows_the_clusters_rule_of_the_year_and_the_minutes_keep_it(world):
    VotingRule.objects.create(
        cluster=world.cluster, year=2024, share=Decimal(70), inclusive=True, source="Quy chế Cụm, Điều 8"
    )
    meeting = record(world, open_meeting(world), issued=10, valid=10, votes=(7, 6), present=10)
    closed = services.meeting_close(meeting=meeting, user=world.users["approver"])
    assert [candidate.passed for candidate in closed.candidates.order_by("order")] == [True, False]
    VotingRule.objects.filter(cluster=world.cluster).update(share=Decimal(50), inclusive=False)
    closed.refresh_from_db()
    assert closed.applied_terms.describe() == "từ 70% số phiếu hợp lệ trở lên"
    assert closed.rule_source == "Quy chế Cụm, Điều 8"


def test_a_meeting_does_not_close_without_counts_or_votes(world):
    meeting = open_meeting(world)
    with pytest.raises(ServiceError) as refused:
        services.meeting_close(meeting=meeting, user=world.users["approver"])
    assert services.NO_COUNTS_MESSAGE in refused.value.messages
    assert services.NO_CANDIDATES_MESSAGE in refused.value.messages
    services.meeting_record(
        meeting=meeting,
        user=world.users["approver"],
        fields={"ballots_issued": 5, "ballots_valid": 5},
        attendees=[AttendeeInput(full_name="Đại biểu", organization=world.own)],
        candidates=[CandidateInput(organization=world.own, award=award("co-thi-dua-tinh"))],
    )
    with pytest.raises(ServiceError) as refused:
        services.meeting_close(meeting=meeting, user=world.users["approver"])
    assert (
        "Số phiếu phát ra (5) lớn hơn số đại biểu có mặt (1); kiểm tra lại danh sách dự họp."
        in refused.value.messages
    )
    assert "Nhập số phiếu đồng ý của Ủy ban nhân dân huyện Tháp Mười." in refused.value.messages
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN


def test_bad_counts_are_refused_next_to_their_field_and_row(world):
    meeting = open_meeting(world)
    with pytest.raises(ServiceError) as refused:
        services.meeting_record(
            meeting=meeting,
            user=world.users["approver"],
            fields={"ballots_issued": 5, "ballots_valid": 6},
            attendees=[AttendeeInput(full_name="  ")],
            candidates=[
                CandidateInput(organization=world.other, award=award("co-thi-dua-tinh")),
                CandidateInput(organization=world.own, award=None, kind=CandidateKind.INDIVIDUAL),
            ],
        )
    error = refused.value
    assert error.errors["ballots_valid"] == ["Số phiếu hợp lệ (6) không được lớn hơn số phiếu phát ra (5)."]
    assert error.rows["attendees-0"]["full_name"] == [services.ATTENDEE_NAME_MESSAGE]
    assert error.rows["candidates-0"]["organization"] == [services.UNIT_MESSAGE]  # not a member this year
    assert error.rows["candidates-1"] == {
        "award": [services.AWARD_MESSAGE],
        "person_name": [services.PERSON_NAME_MESSAGE],
    }
    assert not meeting.candidates.exists()


def test_only_the_heads_drafters_and_leaders_run_the_meeting(world):
    for role in ("clerk", "member_staff", "overseer", "outsider"):
        with pytest.raises(ServiceError) as refused:
            open_meeting(world, role)
        assert "đơn vị tổ chức bình xét" in refused.value.message
    assert open_meeting(world, "drafter").cluster == world.cluster


def test_nothing_is_recorded_after_closing(world):
    meeting = services.meeting_close(meeting=record(world, open_meeting(world)), user=world.users["approver"])
    with pytest.raises(ServiceError) as refused:
        record(world, meeting)
    assert refused.value.message == "Cuộc họp bình xét đã kết thúc nên không sửa được nữa."


def test_every_change_to_the_meeting_is_logged_with_what_each_part_held_before(world, client):
    meeting = record(world, open_meeting(world), votes=(5, 4))
    record(world, meeting, votes=(5, 3))  # the member's votes corrected
    record(world, meeting, votes=(5, 3))  # saved again unchanged: nothing to log
    services.meeting_close(meeting=meeting, user=world.users["approver"])
    changes = list(meeting.changes.all())
    assert [change.action for change in changes] == ["create", "record", "record", "close"]
    assert all(change.actor == world.users["approver"] for change in changes)
    corrected = changes[2].changes
    assert list(corrected) == ["candidates"]
    assert corrected["candidates"]["before"][1].endswith(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 4 phiếu"
    )
    assert corrected["candidates"]["after"][1].endswith(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 3 phiếu"
    )
    assert changes[1].changes["ballots_valid"] == {"before": "", "after": "7"}
    assert changes[3].changes["candidates"]["after"][0].endswith("5 phiếu – đạt")
    # The runners read the log on the meeting's page.
    client.force_login(world.users["approver"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Nhật ký thay đổi" in page
    assert "Đối tượng bình xét, số phiếu" in page
    assert "4 phiếu" in page
