"""The format check: what the data can get wrong on a printed plan, told in Vietnamese."""

import pytest

from clusters.choices import OrganizationLevel
from clusters.models import Organization
from plans.choices import SignerAuthority
from plans.documents.context import document_queryset
from plans.documents.format_check import check_plan_format
from plans.models import LegalBasis, LegalText, Plan, Section

pytestmark = pytest.mark.django_db


def codes(plan) -> list[str]:
    return [finding.code for finding in check_plan_format(plan)]


@pytest.fixture
def good_plan(plan):
    """A UBND plan that breaks no rule: TM. for the collective, archive line with VT, a place."""
    plan.signer_on_behalf_of = "ỦY BAN NHÂN DÂN"
    plan.signer_title = "CHỦ TỊCH"
    plan.signer_name = "Nguyễn Văn A"
    plan.archive_note = "VT, NV"
    plan.save()
    Section.objects.create(plan=plan, order=1, heading="Mục đích, yêu cầu", body="Nâng cao chất lượng.")
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng ngày 15/6/2022")
    return plan


@pytest.fixture
def department(province):
    return Organization.objects.create(
        name="Sở Giáo dục và Đào tạo tỉnh Đồng Tháp",
        parent=province,
        level=OrganizationLevel.DEPARTMENT,
        abbreviation="SGDĐT",
        place_name="Đồng Tháp",
    )


def test_a_plan_that_follows_the_rules_has_no_findings(good_plan):
    assert check_plan_format(good_plan) == []


def test_each_finding_has_a_code_a_vietnamese_message_and_the_field_to_fix(good_plan):
    good_plan.signer_name = ""
    good_plan.save()
    [finding] = check_plan_format(good_plan)
    assert finding.as_dict() == {
        "code": "signer_name_missing",
        "message": "Chưa có họ và tên người ký.",
        "field": "signer_name",
    }


def test_a_missing_signer_title_is_found(good_plan):
    good_plan.signer_title = " "
    good_plan.save()
    assert codes(good_plan) == ["signer_title_missing"]


def test_the_head_of_a_collective_body_must_sign_on_its_behalf(good_plan):
    good_plan.signer_on_behalf_of = ""
    good_plan.save()
    assert codes(good_plan) == ["collective_without_tm"]


def test_a_deputy_of_a_collective_body_may_sign_for_the_head_without_tm(good_plan):
    good_plan.signer_on_behalf_of = ""
    good_plan.signer_authority = SignerAuthority.KT
    good_plan.signer_authority_of = "CHỦ TỊCH"
    good_plan.signer_title = "PHÓ CHỦ TỊCH"
    good_plan.save()
    assert codes(good_plan) == []


def test_a_cluster_head_signing_without_tm_is_found(cluster):
    plan = Plan.objects.create(
        cluster=cluster, kind="annual", year=2024, subject="Kế hoạch của Cụm", date_month=1, date_year=2024,
        place_name="Tháp Mười", signer_title="CỤM TRƯỞNG", signer_name="Đoàn Thanh Bình", archive_note="VT",
    )  # fmt: skip
    assert codes(plan) == ["collective_without_tm"]
    plan.signer_on_behalf_of = "CỤM THI ĐUA"
    plan.save()
    assert codes(plan) == []


def test_the_cluster_meetings_minutes_are_signed_by_the_chair_in_person_not_for_the_cluster(cluster):
    minutes = Plan.objects.create(
        cluster=cluster, document_type="minutes", kind="conference", year=2026, subject="Họp xét thi đua",
        date_month=11, date_year=2026, place_name="Tháp Mười", signer_title="CHỦ TRÌ",
        signer_name="Đoàn Thanh Bình", archive_note="VT",
    )  # fmt: skip
    # No meeting names its secretary, who signs beside the chair.
    assert codes(minutes) == ["co_signer_name_missing"]
    minutes.signer_on_behalf_of = "CỤM THI ĐUA"
    minutes.save()
    assert codes(minutes) == ["tm_for_non_collective", "co_signer_name_missing"]


def test_tm_for_a_body_that_is_not_collective_is_found(department):
    plan = Plan.objects.create(
        organization=department, kind="propaganda", year=2022, subject="Tuyên truyền", date_month=4,
        date_year=2022, signer_on_behalf_of="SỞ GIÁO DỤC VÀ ĐÀO TẠO", signer_title="GIÁM ĐỐC",
        signer_name="Nguyễn Văn B", archive_note="VT, VP",
    )  # fmt: skip
    assert codes(plan) == ["tm_for_non_collective"]


def test_an_authority_needs_the_heads_title_and_the_title_needs_an_authority(good_plan):
    good_plan.signer_authority = SignerAuthority.KT
    good_plan.save()
    assert codes(good_plan) == ["authority_without_head_title"]
    good_plan.signer_authority = SignerAuthority.NONE
    good_plan.signer_authority_of = "CHỦ TỊCH"
    good_plan.save()
    assert codes(good_plan) == ["head_title_without_authority"]


@pytest.mark.parametrize(
    ("archive", "expected"),
    [
        ("", ["archive_missing"]),
        ("VP", ["archive_without_vt"]),
        ("VTTH, VP", ["archive_without_vt"]),
        ("VT", []),
    ],
)
def test_recipients_need_the_archive_line_with_the_records_clerk(good_plan, archive, expected):
    good_plan.archive_note = archive
    good_plan.save()
    assert codes(good_plan) == expected


def test_a_subject_in_upper_case_is_found(good_plan):
    good_plan.subject = "TẬP HUẤN NGHIỆP VỤ NĂM 2024"
    good_plan.save()
    assert codes(good_plan) == ["subject_upper_case"]


def test_an_empty_section_is_found_but_a_section_holding_others_is_not(good_plan):
    empty = Section.objects.create(plan=good_plan, order=2)
    holder = Section.objects.create(plan=good_plan, order=3)
    Section.objects.create(plan=good_plan, order=1, parent=holder, body="Nội dung.")
    findings = check_plan_format(good_plan)
    assert [(finding.code, finding.field) for finding in findings] == [
        ("section_empty", f"sections[{empty.pk}]")
    ]


def test_a_missing_place_name_is_found(good_plan, district):
    district.place_name = ""
    district.save()
    assert codes(good_plan) == ["place_name_missing"]


def test_a_numbered_plan_without_a_full_date_is_found(good_plan):
    plan = document_queryset().get(pk=good_plan.pk)
    plan.number = 5  # the database refuses this row; the check also covers data built in memory
    assert codes(plan) == ["numbered_without_date"]


# ---------------------------------------------------------------------------
# Legal texts no longer in force
# ---------------------------------------------------------------------------
OLD_LAW = (
    "Luật thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "Khen thưởng ngày 14/6/2005; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng năm 2013"
)


def superseded_codes(plan) -> list[str]:
    """The messages about legal texts no longer in force."""
    return [
        finding.message for finding in check_plan_format(plan) if finding.code == "legal_basis_superseded"
    ]


def test_the_2003_law_and_its_amendments_are_found_on_a_plan_of_2024(good_plan):
    LegalBasis.objects.create(plan=good_plan, order=2, text=OLD_LAW)
    messages = superseded_codes(good_plan)
    assert len(messages) == 3
    assert "15/2003/QH11" in messages[0]
    assert "47/2005/QH11" in messages[1]
    assert "39/2013/QH13" in messages[2]
    assert all("không còn áp dụng từ ngày 01/01/2024" in message for message in messages)
    assert all("06/2022/QH15" in message for message in messages)


def test_the_2003_law_is_not_found_on_a_plan_of_2022(good_plan):
    good_plan.year = good_plan.date_year = 2022
    good_plan.save()
    LegalBasis.objects.create(plan=good_plan, order=2, text=OLD_LAW)
    assert superseded_codes(good_plan) == []


@pytest.mark.parametrize(
    ("day", "month", "year", "found"),
    [(31, 12, 2023, False), (None, 12, 2023, False), (1, 1, 2024, True), (None, None, 2024, True)],
)
def test_decree_91_2017_stops_applying_when_decree_98_2023_took_effect(good_plan, day, month, year, found):
    good_plan.date_day, good_plan.date_month, good_plan.date_year, good_plan.year = day, month, year, year
    good_plan.save()
    LegalBasis.objects.create(
        plan=good_plan, order=2, text="Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ"
    )
    assert bool(superseded_codes(good_plan)) is found


@pytest.mark.parametrize(
    "text",
    [
        "Luật Thi đua, khen thưởng ngày 15/6/2022",
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        "Kế hoạch số 15/2003 của UBND tỉnh",
    ],
)
def test_texts_in_force_are_not_mistaken_for_superseded_ones(good_plan, text):
    LegalBasis.objects.create(plan=good_plan, order=2, text=text)
    assert superseded_codes(good_plan) == []


def test_every_text_no_longer_in_force_names_its_replacement():
    ended = LegalText.objects.filter(in_force_until__isnull=False).prefetch_related("replaced_by")
    assert {text.number for text in ended} >= {
        "15/2003/QH11",
        "47/2005/QH11",
        "39/2013/QH13",
        "91/2017/NĐ-CP",
    }
    for text in ended:
        assert list(text.replaced_by.all()), text.number


def test_seed_001_of_2022_is_not_flagged_for_the_2003_law_but_the_same_bases_in_2024_are(demo):
    seed = demo["001"]
    assert "legal_basis_superseded" not in codes(seed)
    copy = Plan.objects.create(
        cluster=seed.cluster, kind=seed.kind, year=2024, subject="Bản sao năm 2024", date_month=4,
        date_year=2024,
        signer_on_behalf_of="CỤM THI ĐUA", signer_title="TRƯỞNG CỤM", signer_name="Phạm Xuân Tùng",
        archive_note="VT", place_name="Hà Quảng",
    )  # fmt: skip
    for basis in seed.legal_bases.all():
        LegalBasis.objects.create(plan=copy, order=basis.order, form=basis.form, text=basis.text)
    assert codes(copy) == ["legal_basis_superseded"] * 3


def test_the_seed_plans_show_only_what_their_data_really_breaks(demo):
    assert {key: codes(plan) for key, plan in demo.items()} == {
        "000": ["collective_without_tm"],  # "CỤM TRƯỞNG" signs without "TM. CỤM THI ĐUA"
        "001": [],
        "002": ["place_name_missing"],  # the seed never names its district
        "003": ["collective_without_tm", "archive_without_vt"],  # "CHỦ TỊCH" alone; "Lưu: VP."
        "004": [],
    }
