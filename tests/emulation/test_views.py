"""The scoring pages as units, managers and reviewers use them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.choices import OrganizationLevel
from clusters.models import ClusterMembership, Organization
from emulation import criteria as criteria_services
from emulation import scoring
from emulation.choices import CriterionKind, ScoreSide
from emulation.models.scores import Score, Scorecard

DRAFT_NOTE = "Ghi chú nháp của Lai Vung chưa gửi"


def sheet(table, unit):
    return reverse("emulation:scorecard", args=[table.pk, unit.pk])


def test_a_unit_scores_itself_on_its_sheet_and_bad_points_come_back_next_to_the_field(client, world, table):
    client.force_login(world.users["approver"])
    criterion = table.named["qualitative"]
    response = client.post(
        sheet(table, world.own), {"criterion": criterion.pk, "side": "self", "points": "7,5"}
    )
    assert response.status_code == 302
    assert Score.objects.get().points == Decimal("7.5")
    response = client.post(
        sheet(table, world.own),
        {"criterion": criterion.pk, "side": "self", "points": "11", "note": "Đạt “xuất sắc”"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Điểm phải từ 0 đến 10 (điểm tối đa của tiêu chí)." in page
    assert 'value="11"' in page
    assert Score.objects.get().points == Decimal("7.5")


def test_another_unit_never_reads_a_units_sheet_before_the_meeting(client, world, table):
    scoring.score_set(
        actor=world.users["member_staff"],
        table=table,
        unit_id=world.member.pk,
        criterion=table.named["qualitative"],
        side=ScoreSide.SELF,
        points="9",
        note=DRAFT_NOTE,
    )
    url = sheet(table, world.member)
    client.force_login(world.users["approver"])  # the head's manager: a draft stays the unit's own
    response = client.get(url)
    assert response.status_code == 200
    assert DRAFT_NOTE not in response.content.decode()
    client.force_login(world.users["member_staff"])
    assert DRAFT_NOTE in client.get(url).content.decode()
    assert client.get(sheet(table, world.own)).status_code == 404
    client.post(reverse("emulation:scorecard_submit", args=[table.pk, world.member.pk]))
    assert Scorecard.objects.get(unit=world.member).self_submitted
    client.force_login(world.users["approver"])
    assert DRAFT_NOTE in client.get(url).content.decode()
    scoring.lock_table(actor=world.users["approver"], table=table)
    client.force_login(world.users["member_staff"])
    assert client.get(sheet(table, world.own)).status_code == 200
    assert client.get(reverse("emulation:ranking", args=[table.pk])).status_code == 200


def test_a_reviewers_different_score_stands_out_with_the_reason(client, world, table):
    criterion = table.named["qualitative"]
    scoring.score_set(
        actor=world.users["approver"],
        table=table,
        unit_id=world.own.pk,
        criterion=criterion,
        side="self",
        points="9",
    )
    scoring.self_submit(actor=world.users["approver"], table=table, unit_id=world.own.pk)
    client.force_login(world.users["member_approver"])
    assert client.get(sheet(table, world.own)).status_code == 404  # not assigned yet
    client.force_login(world.users["approver"])
    client.post(
        reverse("emulation:assign_reviewer", args=[table.pk]),
        {"unit": world.own.pk, "reviewer_unit": world.member.pk},
    )
    client.force_login(world.users["member_approver"])
    assert client.get(sheet(table, world.own)).status_code == 200
    response = client.post(
        sheet(table, world.own), {"criterion": criterion.pk, "side": "review", "points": "6"}
    )
    assert response.status_code == 400
    assert "Điểm thẩm định khác điểm tự chấm: ghi rõ lý do." in response.content.decode()
    client.post(
        sheet(table, world.own),
        {"criterion": criterion.pk, "side": "review", "points": "6", "note": "Thiếu biên bản kiểm tra"},
    )
    page = client.get(sheet(table, world.own)).content.decode()
    assert "Khác điểm tự chấm" in page
    assert "Lý do: Thiếu biên bản kiểm tra" in page
    # Lai Vung reviews Tháp Mười; it still scores only itself.
    denied = client.post(sheet(table, world.own), {"criterion": criterion.pk, "side": "self", "points": "1"})
    assert denied.status_code == 403


def test_a_criterion_typed_wrong_keeps_the_input_and_says_why(client, world, table):
    draft = criteria_services.table_new_version(actor=world.users["approver"], table=table)
    client.force_login(world.users["drafter"])
    response = client.post(
        reverse("emulation:criterion_add", args=[draft.pk]),
        {
            "title": "Tỷ lệ\u00a0hồ sơ “đúng hạn”",
            "kind": CriterionKind.QUANTITATIVE,
            "max_points": "mười",
            "order": "1",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "hồ sơ “đúng hạn”" in page  # kept as typed
    assert "Nhập một số, ví dụ 1500000 hoặc 2,5." in page
    assert 'value="mười"' in page
    response = client.post(
        reverse("emulation:criterion_add", args=[draft.pk]),
        {
            "title": "Tỷ lệ hồ sơ đúng hạn",
            "kind": CriterionKind.QUANTITATIVE,
            "max_points": "10",
            "order": "1",
        },
    )
    assert response.status_code == 200
    assert "Nhập chỉ tiêu lớn hơn 0." in response.content.decode()


@pytest.mark.parametrize("units", [2, 12])
def test_the_ranking_and_the_table_cost_the_same_whatever_the_number_of_units(
    client, world, table, units, django_assert_max_num_queries
):
    for index in range(units):
        unit = Organization.objects.create(
            name=f"Ủy ban nhân dân xã số {index}", level=OrganizationLevel.COMMUNE, parent=world.province
        )
        ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
        card = Scorecard.objects.create(table=table, unit=unit)
        Score.objects.create(
            scorecard=card,
            criterion=table.named["qualitative"],
            side=ScoreSide.SELF,
            points=Decimal(index % 10),
            max_points=Decimal("10"),
            scored_by=world.users["admin"],
        )
    client.force_login(world.users["approver"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("emulation:ranking", args=[table.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("emulation:criteria_table", args=[table.pk])).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(sheet(table, world.own)).status_code == 200


def test_the_admin_shows_tables_scorecards_and_the_log_read_only(client, world, table):
    scoring.score_set(
        actor=world.users["approver"],
        table=table,
        unit_id=world.own.pk,
        criterion=table.named["qualitative"],
        side=ScoreSide.SELF,
        points="9",
    )
    client.force_login(world.users["admin"])
    card = Scorecard.objects.get()
    for name, obj in (("criteriatable", table), ("scorecard", card), ("scoringchange", None)):
        assert client.get(reverse(f"admin:emulation_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:emulation_{name}_add")).status_code == 403
        if obj is not None:
            page = client.get(reverse(f"admin:emulation_{name}_change", args=[obj.pk]))
            assert page.status_code == 200
            assert page.context["has_change_permission"] is False


@pytest.mark.parametrize("tables", [1, 8])
def test_the_list_of_tables_costs_the_same_whatever_their_number(
    client, world, table, tables, django_assert_max_num_queries
):
    for year in range(2000, 2000 + tables):
        criteria_services.table_copy_to_year(actor=world.users["admin"], table=table, year=year)
    client.force_login(world.users["member_staff"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("emulation:criteria_tables"))
    assert len(response.context["tables"]) == 1  # Lai Vung is a member in 2024 only
    client.force_login(world.users["overseer"])
    assert len(client.get(reverse("emulation:criteria_tables")).context["tables"]) == tables + 1
