"""The review pages as a secretary uses them: record the meeting, close it, draw and post the proposal,
answer an objection, export the list; bad input comes back beside its field with nothing lost."""

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from emulation.models import (
    Attendee,
    Award,
    Candidate,
    MeetingStatus,
    ObjectionOutcome,
    Proposal,
    ReviewMeeting,
    VotingRule,
)
from emulation.services import meetings as services

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def record_data(world, *, valid="7", votes=("6", "3")) -> dict:
    data = {
        "held_on": "20/12/2024",
        "place": "Hội trường UBND huyện Tháp Mười",
        "chair_name": "Nguyễn Văn A",
        "chair_title": "Cụm trưởng",
        "secretary_name": "Trần Thị B",
        "ballots_issued": "7",
        "ballots_valid": valid,
        **management("attendees", 3),
        **management("candidates", 3),
    }
    for index in range(2):
        data |= {
            f"attendees-{index}-organization": str(world.own.pk if index == 0 else world.member.pk),
            f"attendees-{index}-full_name": f"Đại biểu {index}",
            f"attendees-{index}-present": "on",
        }
    for index, (code, unit) in enumerate((("co-thi-dua-tinh", world.own), ("bang-khen-tinh", world.member))):
        data |= {
            f"candidates-{index}-kind": "collective",
            f"candidates-{index}-organization": str(unit.pk),
            f"candidates-{index}-award": str(Award.objects.get(code=code).pk),
            f"candidates-{index}-votes": votes[index],
        }
    data["candidates-2-kind"] = "collective"  # a blank row left as the page offered it
    return data


@pytest.fixture
def meeting(world):
    return services.meeting_create(
        user=world.users["approver"],
        cluster=world.cluster,
        year=2024,
        held_on=datetime.date(2024, 12, 20),
        chair_name="Nguyễn Văn A",
        secretary_name="Trần Thị B",
    )


def test_opening_a_meeting_from_the_list(client, world):
    client.force_login(world.users["drafter"])
    page = client.get(reverse("emulation:meeting_list")).content.decode()
    url = reverse("emulation:meeting_create", args=["cluster", world.cluster.pk])
    assert url in page
    response = client.post(
        url,
        {
            "year": "2024",
            "held_on": "20/12/2024",
            "chair_name": "Nguyễn Văn A",
            "secretary_name": "Trần Thị B",
        },
    )
    meeting = ReviewMeeting.objects.get()
    assert response.url == reverse("emulation:meeting_record", args=[meeting.pk])
    assert (meeting.cluster, meeting.year) == (world.cluster, 2024)


def test_a_bad_count_comes_back_beside_its_field_with_the_input_kept(client, world, meeting):
    client.force_login(world.users["approver"])
    url = reverse("emulation:meeting_record", args=[meeting.pk])
    response = client.post(url, record_data(world, valid="9", votes=("6", "10")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Số phiếu hợp lệ (9) không được lớn hơn số phiếu phát ra (7)." in page
    assert 'value="Trần Thị B"' in page  # what was typed is still there
    assert not meeting.candidates.exists()


def test_the_whole_review_from_the_record_to_the_posted_proposal(client, world, meeting):
    client.force_login(world.users["approver"])
    response = client.post(reverse("emulation:meeting_record", args=[meeting.pk]), record_data(world))
    assert response.status_code == 302
    assert [c.award_name for c in meeting.candidates.all()] == [
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    ]
    page = client.get(reverse("emulation:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Số phiếu phát ra (7) lớn hơn số đại biểu có mặt (2)" in page  # cannot close yet
    data = record_data(world) | management("attendees", 7)
    for index in range(2, 7):
        data |= {f"attendees-{index}-full_name": f"Đại biểu {index}", f"attendees-{index}-present": "on"}
    response = client.post(reverse("emulation:meeting_record", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()
    response = client.post(reverse("emulation:meeting_close", args=[meeting.pk]), follow=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    page = client.get(reverse("emulation:meeting_detail", args=[meeting.pk])).content.decode()
    assert "85,71%" in page
    assert "Không đạt" in page
    # The member unit now reads the closed meeting; it could not while it ran.
    client.force_login(world.users["member_staff"])
    assert client.get(reverse("emulation:meeting_detail", args=[meeting.pk])).status_code == 200

    client.force_login(world.users["approver"])
    response = client.post(
        reverse("emulation:proposal_create", args=[meeting.pk]),
        {"authority_level": "province_chair", "authority": "Chủ tịch UBND tỉnh Đồng Tháp"},
    )
    proposal = Proposal.objects.get()
    assert [entry.name for entry in proposal.entries.all()] == ["Ủy ban nhân dân huyện Tháp Mười"]
    url = proposal.get_absolute_url()
    assert "Chưa công khai danh sách đề nghị" in client.get(url).content.decode()
    response = client.post(
        reverse("emulation:proposal_posting", args=[proposal.pk]),
        {"posting_starts": "21/12/2024", "posting_ends": "19/12/2024"},
    )
    assert "Ngày kết thúc công khai không được trước ngày bắt đầu." in response.content.decode()
    client.post(
        reverse("emulation:proposal_posting", args=[proposal.pk]),
        {
            "posting_starts": "21/12/2024",
            "posting_ends": "27/12/2024",
            "posting_place": "Niêm yết tại trụ sở",
        },
    )
    entry = proposal.entries.get()
    client.post(
        reverse("emulation:objection_add", args=[proposal.pk]),
        {
            "entry": str(entry.pk),
            "received_on": "22/12/2024",
            "sender": "Công dân",
            "content": "Chưa hoàn thành chỉ tiêu",
        },
    )
    objection = proposal.objections.get()
    page = client.get(url).content.decode()
    assert "Còn 1 ý kiến phản ánh chưa xử lý." in page
    client.post(
        reverse("emulation:objection_decide", args=[proposal.pk, objection.pk]),
        {
            f"o{objection.pk}-outcome": ObjectionOutcome.UPHELD,
            f"o{objection.pk}-answer": "Đã kiểm tra, đúng.",
        },
    )
    entry.refresh_from_db()
    assert entry.withdrawn
    page = client.get(url).content.decode()
    assert "Danh sách đề nghị không còn tập thể, cá nhân nào." in page

    workbook = load_workbook(
        BytesIO(client.get(reverse("emulation:proposal_xlsx", args=[proposal.pk])).content)
    )
    votes = [row for row in workbook["Kết quả bỏ phiếu"].iter_rows(values_only=True) if row[0] == "01"]
    assert votes == [
        ("01", "Ủy ban nhân dân huyện Tháp Mười", "Cờ thi đua của Ủy ban nhân dân tỉnh", "6", "85,71%", "Đạt")
    ]
    objections = list(workbook["Ý kiến phản ánh"].iter_rows(values_only=True))
    assert objections[1][4] == "Có cơ sở, rút khỏi danh sách"


def test_the_meeting_page_costs_the_same_with_more_candidates(client, world, meeting):
    client.force_login(world.users["approver"])
    client.post(reverse("emulation:meeting_record", args=[meeting.pk]), record_data(world))
    url = reverse("emulation:meeting_detail", args=[meeting.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for index in range(20):
        Candidate.objects.create(
            meeting=meeting, organization=world.member, award=Award.objects.get(code="giay-khen"), votes=3
        )
        Attendee.objects.create(meeting=meeting, organization=world.member, full_name=f"Người {index}")
    assert queries() == few


def test_the_record_page_costs_the_same_with_more_rows(client, world, meeting):
    """Every row's selects share one read of the units and the awards."""
    client.force_login(world.users["approver"])
    url = reverse("emulation:meeting_record", args=[meeting.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for index in range(20):
        Candidate.objects.create(
            meeting=meeting, organization=world.member, award=Award.objects.get(code="giay-khen")
        )
        Attendee.objects.create(meeting=meeting, organization=world.member, full_name=f"Người {index}")
    assert queries() == few


@pytest.mark.parametrize("model_name", ["votingrule", "reviewmeeting", "proposal"])
def test_the_admin_lists_and_shows_the_review_rows(client, world, meeting, model_name):
    client.force_login(world.users["admin"])
    client.post(reverse("emulation:meeting_record", args=[meeting.pk]), record_data(world))
    VotingRule.objects.create(cluster=world.cluster, year=2024, share=70, inclusive=True)
    Proposal.objects.create(
        meeting=meeting, authority_level="province_chair", authority="X", created_by=world.users["admin"]
    )
    assert client.get(reverse(f"admin:emulation_{model_name}_changelist")).status_code == 200
    row = {"votingrule": VotingRule, "reviewmeeting": ReviewMeeting, "proposal": Proposal}[
        model_name
    ].objects.get()
    page = client.get(reverse(f"admin:emulation_{model_name}_change", args=[row.pk]))
    assert page.status_code == 200
