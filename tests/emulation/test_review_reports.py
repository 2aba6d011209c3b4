"""The year's report of a cluster and of a province: registrations, scores (once locked), ranking and
proposals; as a page, XLSX and an official BÁO CÁO."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from emulation.models import Award, Registration, RegistrationCall, RegistrationLine
from emulation.services import proposals
from tests.emulation.test_proposals import closed_meeting, score
from tests.plans.test_rendering import open_pdf
from tests.world import plan_of

pytestmark = pytest.mark.django_db


def register(world, unit, code: str, person: str = ""):
    call, _ = RegistrationCall.objects.get_or_create(
        cluster=world.cluster,
        year=2024,
        defaults={"deadline": datetime.date(2024, 2, 1), "opened_by": world.users["admin"]},
    )
    document = plan_of(
        unit, subject=f"Đăng ký thi đua năm 2024 của {unit.name}", document_type="registration"
    )
    registration = Registration.objects.create(call=call, unit=unit, document=document)
    RegistrationLine.objects.create(
        registration=registration, award=Award.objects.get(code=code), person_name=person
    )


def test_scores_show_only_once_the_meeting_locked_them(client, world, table):
    register(world, world.own, "co-thi-dua-tinh")
    register(world, world.member, "lao-dong-tien-tien", "Nguyễn Văn C")
    score(world, table, world.own, "6")
    score(world, table, world.member, "9.5")
    url = reverse("emulation:cluster_report", args=[world.cluster.pk]) + "?year=2024"
    client.force_login(world.users["member_staff"])
    page = client.get(url).content.decode()
    assert "Bảng điểm chưa khóa (chưa họp bình xét)" in page
    assert "9.50" not in page
    assert "Lao động tiên tiến: Nguyễn Văn C" in page

    meeting = closed_meeting(world, votes=(6, 4))
    proposals.proposal_create(
        meeting=meeting,
        user=world.users["drafter"],
        authority_level="province_chair",
        authority="Chủ tịch UBND tỉnh",
    )
    response = client.get(
        reverse("emulation:cluster_report_file", args=[world.cluster.pk, "xlsx"]) + "?year=2024"
    )
    rows = [row for row in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]
    units = [row for row in rows if row[0] in ("01", "02")]
    assert units == [
        (
            "01",
            "Ủy ban nhân dân huyện Lai Vung",
            "Lao động tiên tiến: Nguyễn Văn C",
            "9,5",
            "1",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        (
            "02",
            "Ủy ban nhân dân huyện Tháp Mười",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
            "6",
            "2",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
        ),
    ]


def test_the_province_report_is_an_official_bao_cao(client, world, table):
    client.force_login(world.users["overseer"])
    response = client.get(
        reverse("emulation:province_report_file", args=[world.province.pk, "pdf"]) + "?year=2024"
    )
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in open_pdf(response.content).pages)
    assert "BÁO CÁO" in text
    assert "Số:" in text
    assert "Cụm thi đua 2" in text
    assert "Bảng điểm chưa khóa" in text
