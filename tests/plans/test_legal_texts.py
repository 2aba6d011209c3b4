"""Legal texts kept as dated data: what plans cite, from when to when, and what replaced them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from plans import services
from plans.documents.context import build_plan_context
from plans.documents.format_check import check_plan_format
from plans.legal import template_date
from plans.models import LegalBasis, LegalText, Plan
from tests.plans.test_editing_views import edit_url, form_data, new_row

pytestmark = pytest.mark.django_db


def text(number: str) -> LegalText:
    return LegalText.objects.get(number=number)


def findings(plan, code: str) -> list[str]:
    return [finding.message for finding in check_plan_format(plan) if finding.code == code]


def dated(plan: Plan, day: datetime.date) -> Plan:
    plan.year = plan.date_year = day.year
    plan.date_month, plan.date_day = day.month, day.day
    plan.save()
    return plan


# ---------------------------------------------------------------------------
# The texts the product knows
# ---------------------------------------------------------------------------
def test_the_texts_of_2025_and_2026_are_loaded_with_what_replaced_what():
    assert [t.number for t in text("98/2023/NĐ-CP").replaced_by.all()] == ["152/2025/NĐ-CP"]
    assert text("98/2023/NĐ-CP").in_force_until == datetime.date(2025, 6, 30)
    assert text("152/2025/NĐ-CP").in_force_from == datetime.date(2025, 7, 1)
    assert [t.number for t in text("01/2024/TT-BNV").replaced_by.all()] == ["15/2025/TT-BNV"]
    assert [t.number for t in text("130/2018/NĐ-CP").replaced_by.all()] == ["23/2025/NĐ-CP"]
    assert {t.number for t in text("13/2023/NĐ-CP").replaced_by.all()} == {"91/2025/QH15", "356/2025/NĐ-CP"}
    assert text("30/2020/NĐ-CP").in_force_until is None
    circular = text("15/2025/TT-BNV")
    assert (circular.signed_on, circular.in_force_from) == (
        datetime.date(2025, 8, 4),
        datetime.date(2025, 8, 5),
    )


def test_only_what_the_domain_notes_confirm_is_marked_confirmed():
    assert text("152/2025/NĐ-CP").confirmed
    assert text("06/2022/QH15").confirmed
    assert not text("15/2025/TT-BNV").confirmed  # reported by secondary sources only
    assert not text("01/2024/TT-BNV").confirmed


def test_a_text_prints_the_full_citation_the_decree_asks_for():
    assert text("98/2023/NĐ-CP").citation == (
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng"
    )
    assert (
        text("30/2020/NĐ-CP").citation
        == "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư"
    )
    assert (
        text("06/2022/QH15").citation == "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
    )


def test_a_basis_pointing_to_a_text_prints_its_citation_and_free_text_stays_as_typed(plan):
    LegalBasis.objects.create(plan=plan, order=1, legal_text=text("06/2022/QH15"))
    LegalBasis.objects.create(plan=plan, order=2, text="Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND tỉnh")
    bases = build_plan_context(Plan.objects.get(pk=plan.pk))["legal_bases"]
    assert [basis["text"] for basis in bases] == [
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND tỉnh.",
    ]


# ---------------------------------------------------------------------------
# Templates cite the texts in force on the plan's date
# ---------------------------------------------------------------------------
def test_a_2026_commune_plan_cites_decree_152_2025_and_a_2024_plan_still_cites_98_2023(user, district):
    def cited(year):
        plan = services.plan_create_from_template(user=user, kind="annual", organization=district, year=year)
        printed = [basis["text"] for basis in build_plan_context(plan)["legal_bases"]]
        return [basis.legal_text.number for basis in plan.legal_bases.order_by("order")], printed

    numbers, printed = cited(2026)
    assert numbers == ["06/2022/QH15", "152/2025/NĐ-CP"]
    assert "98/2023" not in " ".join(printed)
    assert printed[0] == "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
    assert cited(2024)[0] == ["06/2022/QH15", "98/2023/NĐ-CP"]


def test_a_text_the_administrator_marks_is_cited_by_new_plans_from_its_first_day(user, district):
    amendment = LegalText.objects.create(
        kind="luat", number="99/2026/QH15", issuer="Quốc hội", cited_by_templates=True,
        title="sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
        in_force_from=datetime.date(2027, 1, 1),
    )  # fmt: skip
    plan = services.plan_create_from_template(user=user, kind="annual", organization=district, year=2027)
    assert amendment in [basis.legal_text for basis in plan.legal_bases.all()]


def test_the_template_date_is_today_in_the_plans_year_else_the_nearest_end_of_it():
    today = datetime.date(2026, 11, 28)
    assert template_date(2026, today) == today
    assert template_date(2024, today) == datetime.date(2024, 12, 31)
    assert template_date(2027, today) == datetime.date(2027, 1, 1)


# ---------------------------------------------------------------------------
# The format check
# ---------------------------------------------------------------------------
DECREE_98 = (
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng"
)


@pytest.mark.parametrize(
    ("day", "flagged"),
    [
        (datetime.date(2024, 5, 2), False),
        (datetime.date(2025, 6, 30), False),
        (datetime.date(2025, 7, 1), True),
    ],
)
def test_decree_98_2023_typed_as_text_is_flagged_after_1_july_2025_with_its_replacement(plan, day, flagged):
    LegalBasis.objects.create(plan=dated(plan, day), order=1, text=DECREE_98)
    messages = findings(plan, "legal_basis_superseded")
    assert bool(messages) is flagged
    if flagged:
        assert messages == [
            "Căn cứ thứ 1 dẫn Nghị định số 98/2023/NĐ-CP ngày 31/12/2023, văn bản không còn áp dụng từ ngày "
            "01/07/2025; thay bằng Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành "
            "một số điều của Luật Thi đua, khen thưởng (có hiệu lực từ ngày 01/07/2025)."
        ]


def test_a_basis_pointing_to_a_text_is_checked_too(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2026, 3, 2)), order=1, legal_text=text("98/2023/NĐ-CP")
    )
    assert len(findings(plan, "legal_basis_superseded")) == 1


def test_a_superseded_texts_replacement_is_followed_to_the_one_in_force(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2026, 3, 2)), order=1, text="Nghị định 91/2017/NĐ-CP"
    )
    (message,) = findings(plan, "legal_basis_superseded")
    assert "152/2025/NĐ-CP" in message
    assert "thay bằng Nghị định số 98/2023" not in message


def test_free_text_is_recognised_by_number_whatever_the_case_and_diacritics(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2026, 2, 10)), order=1, text="Thông tư số 01/2024/tt-bnv của Bộ Nội vụ"
    )
    (message,) = findings(plan, "legal_basis_superseded")
    assert "15/2025/TT-BNV" in message
    assert "05/08/2025" in message


def test_personal_data_decree_13_2023_is_replaced_by_the_2025_law_and_decree_from_2026(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2026, 1, 5)), order=1, text="Nghị định 13/2023/NĐ-CP"
    )
    (message,) = findings(plan, "legal_basis_superseded")
    assert "91/2025/QH15" in message
    assert "356/2025/NĐ-CP" in message


def test_a_text_not_yet_in_force_on_the_plans_date_is_flagged(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2025, 9, 1)), order=1, text="Nghị định số 356/2025/NĐ-CP của Chính phủ"
    )
    assert findings(plan, "legal_basis_not_yet_in_force") == [
        "Căn cứ thứ 1 dẫn Nghị định số 356/2025/NĐ-CP, văn bản chỉ có hiệu lực từ ngày 01/01/2026, sau ngày "
        "của kế hoạch."
    ]


def test_a_plan_number_that_looks_like_a_text_number_is_not_mistaken_for_it(plan):
    LegalBasis.objects.create(
        plan=dated(plan, datetime.date(2026, 3, 2)), order=1, text="Kế hoạch số 198/2023/NĐ-CP-X của UBND"
    )
    assert findings(plan, "legal_basis_superseded") == []


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("quantri", "quantri@example.com", "x")
    client.force_login(admin)
    return client


def admin_form(obj: LegalText, **changes) -> dict:
    data = {
        "kind": obj.kind, "number": obj.number, "issuer": obj.issuer, "title": obj.title,
        "signed_on": obj.signed_on.isoformat() if obj.signed_on else "",
        "in_force_from": obj.in_force_from.isoformat() if obj.in_force_from else "",
        "in_force_until": obj.in_force_until.isoformat() if obj.in_force_until else "",
        "replaced_by": [str(other.pk) for other in obj.replaced_by.all()],
        "confirmed": "on" if obj.confirmed else "",
        "cited_by_templates": "on" if obj.cited_by_templates else "",
        "other_citations": obj.other_citations, "note": obj.note,
    }  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_changing_in_force_until_in_the_admin_changes_the_finding_without_a_deploy(admin_client, plan):
    LegalBasis.objects.create(plan=dated(plan, datetime.date(2025, 9, 1)), order=1, text=DECREE_98)
    assert findings(plan, "legal_basis_superseded")
    decree = text("98/2023/NĐ-CP")
    url = reverse("admin:plans_legaltext_change", args=[decree.pk])
    response = admin_client.post(url, admin_form(decree, in_force_until="2025-12-31"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert findings(Plan.objects.get(pk=plan.pk), "legal_basis_superseded") == []
    response = admin_client.post(url, admin_form(text("98/2023/NĐ-CP"), in_force_until="2025-08-31"))
    assert response.status_code == 302
    (message,) = findings(Plan.objects.get(pk=plan.pk), "legal_basis_superseded")
    assert "không còn áp dụng từ ngày 01/09/2025" in message


# ---------------------------------------------------------------------------
# The editor and the administrators' page
# ---------------------------------------------------------------------------
def test_the_drafter_picks_a_text_in_force_and_the_plan_prints_its_citation(client, user, plan):
    client.force_login(user)
    response = client.get(edit_url(plan), {"open": "legal_bases"})  # no rows yet: loaded when opened
    page = response.content.decode()
    assert "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023" in page  # in force in 2024
    assert "15/2003/QH11" not in page  # ended in 2023: not offered
    data = form_data(response)
    new_row(data, "legal_bases", ordinal=1, form="can_cu", legal_text=str(text("98/2023/NĐ-CP").pk), text="")
    response = client.post(edit_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    bases = build_plan_context(Plan.objects.get(pk=plan.pk))["legal_bases"]
    assert bases == [{"form": "can_cu", "text": f"Căn cứ {DECREE_98}."}]


@pytest.fixture
def provincial_admin(province):
    account = get_user_model().objects.create_user("quantritinh", password="x")
    account.user_permissions.add(Permission.objects.get(codename="change_legaltext"))
    return account


def test_a_provincial_administrator_given_the_right_keeps_the_texts_in_vietnamese(client, provincial_admin):
    client.force_login(provincial_admin)
    page = client.get(reverse("plans:legal_texts")).content.decode()
    assert "Văn bản pháp luật được dẫn trong kế hoạch" in page
    assert "152/2025/NĐ-CP" in page
    assert "15/2003/QH11" not in page  # no longer in force: behind "Xem cả văn bản đã hết hiệu lực"
    assert "15/2003/QH11" in client.get(reverse("plans:legal_texts"), {"all": "1"}).content.decode()
    decree = text("152/2025/NĐ-CP")
    data = {
        "kind": "nghi_dinh", "number": decree.number, "signed_on": "", "issuer": "Chính phủ",
        "title": decree.title,
        "in_force_from": "01/7/2025", "in_force_until": "", "confirmed": "on", "cited_by_templates": "on",
    }  # fmt: skip
    response = client.post(
        reverse("plans:legal_text_edit", args=[decree.pk]), {**data, "signed_on": "31/02/2025"}
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert "31/02/2025" in response.content.decode()  # what was typed is kept
    response = client.post(
        reverse("plans:legal_text_edit", args=[decree.pk]), {**data, "signed_on": "14/6/2025"}
    )
    assert response.status_code == 302
    assert text("152/2025/NĐ-CP").signed_on == datetime.date(2025, 6, 14)


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"number": "98/2023/NĐ-CP"}, "Đã có văn bản mang số, ký hiệu này."),
        ({"in_force_until": "01/01/2020"}, "Ngày hết hiệu lực phải sau ngày có hiệu lực."),
        ({"other_citations": "luat (thi dua"}, "không hợp lệ"),
        ({"kind": "xyz"}, "Lựa chọn không hợp lệ"),
    ],
)
def test_bad_input_on_the_page_is_refused_with_a_vietnamese_message(
    client, provincial_admin, changes, field_message
):
    client.force_login(provincial_admin)
    data = {
        "kind": "nghi_dinh", "number": "1/2027/NĐ-CP", "issuer": "Chính phủ", "title": "về thi đua",
        "in_force_from": "01/7/2025", **changes,
    }  # fmt: skip
    response = client.post(reverse("plans:legal_text_create"), data)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not LegalText.objects.filter(number="1/2027/NĐ-CP").exists()


def test_a_user_without_the_right_is_refused_with_the_reason(client, user):
    client.force_login(user)
    response = client.get(reverse("plans:legal_texts"))
    assert response.status_code == 403
    assert "văn bản pháp luật" in response.content.decode()
