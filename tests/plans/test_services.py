"""Writes of plans: templates, saving every part with its order and references, copies."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from clusters.choices import MembershipRole
from clusters.models import ClusterMembership, Organization
from common.errors import ServiceError
from plans import policy, services
from plans.choices import LegalBasisForm, PlanKind, PlanStatus, SectionBlock, SignerAuthority
from plans.documents import build_plan_context
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section
from plans.parts import PLAN_FIELDS
from plans.services import RowInput
from plans.services.editing import ONE_ISSUER_MESSAGE
from plans.services.rows import (
    BREAKDOWN_KIND_MESSAGE,
    DUPLICATE_CONTRIBUTION_MESSAGE,
    ROW_GONE_MESSAGE,
    SECTION_CYCLE_MESSAGE,
)
from plans.services.templates import KIND_INVALID_MESSAGE
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

CONTENT_BLOCKS = {
    PlanKind.ANNUAL: SectionBlock.ACTIVITIES,
    PlanKind.TRAINING: SectionBlock.SESSIONS,
    PlanKind.STUDY_TRIP: SectionBlock.PARTICIPANTS,
    PlanKind.PROPAGANDA: SectionBlock.PARTICIPANTS,
    PlanKind.CAMPAIGN: SectionBlock.ACTIVITIES,
    PlanKind.LAUNCH: SectionBlock.ACTIVITIES,
    PlanKind.CONFERENCE: SectionBlock.PARTICIPANTS,
}


@pytest.fixture
def admin(demo):
    """The demo superuser: the seeds are plans of bodies in other provinces, outside any drafter's reach."""
    return get_user_model().objects.get(username="admin")


def tree(plan: Plan) -> list[tuple]:
    """(heading, parent heading, order, block) of every section, parents first."""
    return [
        (section.heading, section.parent.heading if section.parent else None, section.order, section.block)
        for section in plan.sections.select_related("parent").order_by(
            F("parent_id").asc(nulls_first=True), "order"
        )
    ]


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", PlanKind.values)
def test_a_template_gives_purpose_content_budget_and_duties_sections(user, district, kind):
    plan = services.plan_create_from_template(user=user, kind=kind, organization=district, year=2025)

    roots = list(plan.sections.filter(parent=None).order_by("order"))
    assert roots[0].heading == "Mục đích, yêu cầu"
    assert [child.heading for child in roots[0].children.order_by("order")] == ["Mục đích", "Yêu cầu"]
    assert all(child.body for child in roots[0].children.all())
    blocks = set(plan.sections.values_list("block", flat=True))
    if kind in CONTENT_BLOCKS:
        assert CONTENT_BLOCKS[kind] in blocks
    budget = plan.sections.get(block=SectionBlock.BUDGET)
    duties = plan.sections.get(block=SectionBlock.DUTIES)
    assert (budget.heading, duties.heading) == ("Kinh phí", "Tổ chức thực hiện")
    assert plan.status == PlanStatus.DRAFT
    assert (plan.kind, plan.year, plan.date_year, plan.number, plan.date_day) == (
        kind,
        2025,
        2025,
        None,
        None,
    )
    assert plan.archive_note == "VT, UBND"
    assert list(plan.recipients.values_list("text", flat=True)) == [
        "UBND tỉnh Đồng Tháp",
        "Các cơ quan, đơn vị có liên quan",
    ]
    assert plan.duties.count() == 2
    assert "2025" in plan.subject
    assert plan.legal_bases.count() == 2  # the 2022 law and its decree
    build_plan_context(plan)  # the new plan prints


def test_the_annual_template_invents_no_activity_and_says_what_to_enter(user, district):
    plan = services.plan_create_from_template(
        user=user, kind=PlanKind.ANNUAL, organization=district, year=2025
    )
    assert not plan.activities.exists()
    section = plan.sections.get(block=SectionBlock.ACTIVITIES)
    assert section.body == ""
    assert "mỗi hoạt động một dòng" in section.hint


def test_a_template_takes_the_signer_of_the_issuers_latest_plan(user, district, plan):
    plan.signer_authority = SignerAuthority.KT
    plan.signer_authority_of = "CHỦ TỊCH"
    plan.signer_title = "PHÓ CHỦ TỊCH"
    plan.signer_name = "Huỳnh Ngọc Nguyên"
    plan.save()

    new = services.plan_create_from_template(
        user=user, kind=PlanKind.ANNUAL, organization=district, year=2025
    )

    assert (new.signer_authority, new.signer_authority_of, new.signer_title, new.signer_name) == (
        "KT.",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Huỳnh Ngọc Nguyên",
    )


def test_a_template_skips_a_later_compact_or_unsigned_draft_for_its_signer(user, district, plan):
    plan.signer_title, plan.signer_name = "CHỦ TỊCH", "Huỳnh Ngọc Nguyên"
    plan.save()
    # Papers drawn up since: a compact (signed by every member elsewhere) and an unsigned draft.
    PlanFactory(organization=district, year=2025, document_type="compact", signer_name="")
    PlanFactory(organization=district, year=2025, signer_name="")

    new = services.plan_create_from_template(
        user=user, kind=PlanKind.ANNUAL, organization=district, year=2025
    )

    assert (new.signer_title, new.signer_name) == ("CHỦ TỊCH", "Huỳnh Ngọc Nguyên")


def test_a_cluster_template_is_sent_to_the_body_that_runs_the_cluster(user, cluster, district):
    # The district heads the cluster in 2024, so its drafter drafts the cluster's plans of that year.
    ClusterMembership.objects.create(
        cluster=cluster, organization=district, year=2024, role=MembershipRole.HEAD
    )
    plan = services.plan_create_from_template(user=user, kind=PlanKind.STUDY_TRIP, cluster=cluster, year=2024)
    assert plan.cluster == cluster
    assert plan.organization is None
    assert plan.archive_note == "VT, CTĐ"
    assert plan.recipients.first().text == "UBND tỉnh Đồng Tháp"


def test_a_template_before_2024_cites_no_law_that_was_not_yet_in_force(user, district):
    plan = services.plan_create_from_template(
        user=user, kind=PlanKind.TRAINING, organization=district, year=2023
    )
    assert plan.legal_bases.count() == 0


def test_a_template_needs_exactly_one_issuer_and_a_known_kind(user, district, cluster):
    with pytest.raises(ServiceError) as error:
        services.plan_create_from_template(user=user, kind="annual", year=2025)
    assert error.value.errors == {"organization": [ONE_ISSUER_MESSAGE]}
    with pytest.raises(ServiceError):
        services.plan_create_from_template(
            user=user, kind="annual", organization=district, cluster=cluster, year=2025
        )
    with pytest.raises(ServiceError) as error:
        services.plan_create_from_template(user=user, kind="bogus", organization=district, year=2025)
    assert error.value.errors == {"kind": [KIND_INVALID_MESSAGE]}
    assert Plan.objects.count() == 0


# ---------------------------------------------------------------------------
# Update
# ---------------------------------------------------------------------------
def plan_fields(plan: Plan, **changes) -> dict:
    return {name: getattr(plan, name) for name in PLAN_FIELDS} | changes


def test_an_update_saves_every_part_and_resolves_rows_by_their_numbers(user, plan, district, province):
    parts = {
        "legal_bases": [
            RowInput(key="b0", position=1, values={"form": LegalBasisForm.BASED_ON, "text": "Luật A"})
        ],
        "sections": [
            RowInput(key="s0", position=1, values={"heading": "Mục đích, yêu cầu", "body": "", "block": ""}),
            RowInput(
                key="s1",
                position=2,
                values={"heading": "Yêu cầu", "body": "- Tiết kiệm.", "block": ""},
                refs={"parent_number": 1},
            ),
            RowInput(key="s2", position=3, values={"heading": "Thành phần", "block": SectionBlock.SESSIONS}),
        ],
        "activities": [
            RowInput(
                key="a0",
                position=1,
                values={"content": "Tập huấn", "period_kind": PeriodKind.QUARTER, "quarter": 2},
                m2m={"lead_organizations": [district], "coordinating_organizations": [province]},
            ),
        ],
        "sessions": [
            RowInput(key="c0", position=1, values={"name": "Lớp thứ nhất", "duration": "01 ngày"}),
            RowInput(key="c1", position=2, values={"name": "Lớp thứ hai"}),
        ],
        "groups": [
            RowInput(
                key="g0",
                position=1,
                values={"kind": GroupKind.FIXED, "description": "Cán bộ", "count": 70},
                refs={"session_number": 1},
            ),
            RowInput(
                key="g1",
                position=2,
                values={
                    "kind": GroupKind.PER_UNIT_TYPE,
                    "description": "Mỗi trường cử",
                    "count": 3,
                    "unit_count": 20,
                },
                refs={"session_number": 2},
            ),
        ],
        "breakdowns": [
            RowInput(
                key="k0", position=1, values={"count": 1, "description": "lãnh đạo"}, refs={"group_number": 2}
            ),
            RowInput(
                key="k1",
                position=2,
                values={"count": 2, "description": "giáo viên"},
                refs={"group_number": 2},
            ),
        ],
        "budget_lines": [
            RowInput(
                key="l0",
                position=1,
                values={
                    "item": "Tài liệu",
                    "quantity": Decimal(130),
                    "unit": "bộ",
                    "unit_price": Decimal(20000),
                },
            ),
        ],
        # The contributions add up to the estimate (130 × 20.000 đồng).
        "contributions": [
            RowInput(key="m0", values={"organization": district, "amount": Decimal(2_600_000)})
        ],
        "duties": [
            RowInput(
                key="d0",
                position=1,
                values={"title": "Phòng Nội vụ", "body": "Chủ trì."},
                m2m={"organizations": [district]},
            )
        ],
        "recipients": [RowInput(key="r0", position=1, values={"text": "Ban TĐKT tỉnh"})],
    }
    services.plan_update(
        plan=plan, user=user, fields=plan_fields(plan, subject="Tập huấn năm 2024"), parts=parts
    )

    plan.refresh_from_db()
    assert plan.subject == "Tập huấn năm 2024"
    assert tree(plan) == [
        ("Mục đích, yêu cầu", None, 1, ""),
        ("Thành phần", None, 2, SectionBlock.SESSIONS),
        ("Yêu cầu", "Mục đích, yêu cầu", 1, ""),
    ]
    first, second = plan.sessions.order_by("order")
    assert [group.session for group in plan.participant_groups.order_by("order")] == [first, second]
    quota = plan.participant_groups.get(order=2)
    assert [(part.order, part.count) for part in quota.breakdown.order_by("order")] == [(1, 1), (2, 2)]
    assert quota.total == 60
    activity = plan.activities.get()
    assert list(activity.lead_organizations.all()) == [district]
    assert list(activity.coordinating_organizations.all()) == [province]
    assert plan.budget_lines.get().amount == Decimal(2_600_000)
    assert plan.contributions.get().organization == district
    assert list(plan.duties.get().organizations.all()) == [district]
    assert plan.recipients.get().text == "Ban TĐKT tỉnh"
    assert plan.legal_bases.get().text == "Luật A"
    build_plan_context(plan)


def sessions_of(plan):
    return list(plan.sessions.order_by("order").values_list("name", flat=True))


def test_rows_swap_places_and_are_numbered_again_without_breaking_unique_orders(user, plan):
    a = Session.objects.create(plan=plan, order=1, name="A")
    b = Session.objects.create(plan=plan, order=2, name="B")
    c = Session.objects.create(plan=plan, order=3, name="C")
    group = ParticipantGroup.objects.create(plan=plan, order=1, session=a, kind=GroupKind.FIXED, count=5)
    rows = [
        RowInput(key="0", pk=a.pk, position=3, values={"name": "A"}),
        RowInput(key="1", pk=b.pk, position=1, values={"name": "B"}),
        RowInput(key="2", pk=c.pk, position=2, values={"name": "C"}),
    ]
    groups = [
        RowInput(
            key="g",
            pk=group.pk,
            position=1,
            values={"kind": GroupKind.FIXED, "count": 5},
            refs={"session_number": 3},
        )
    ]
    services.plan_update(plan=plan, user=user, fields={}, parts={"sessions": rows, "groups": groups})

    assert sessions_of(plan) == ["B", "C", "A"]
    assert list(plan.sessions.order_by("order").values_list("order", flat=True)) == [1, 2, 3]
    group.refresh_from_db()
    assert group.session_id == a.pk  # "class number 3" is A at its new place


def test_rows_left_out_are_deleted_and_a_kept_child_survives_its_deleted_parent(user, plan):
    parent = Section.objects.create(plan=plan, order=1, heading="Cũ")
    child = Section.objects.create(plan=plan, order=1, parent=parent, heading="Giữ lại")
    Section.objects.create(plan=plan, order=2, heading="Bỏ")
    rows = [RowInput(key="0", pk=child.pk, position=1, values={"heading": "Giữ lại"})]
    services.plan_update(plan=plan, user=user, fields={}, parts={"sections": rows})
    assert tree(plan) == [("Giữ lại", None, 1, "")]


def test_a_group_moves_to_a_new_class_in_the_same_save(user, plan):
    old = Session.objects.create(plan=plan, order=1, name="Lớp cũ")
    group = ParticipantGroup.objects.create(plan=plan, order=1, session=old, kind=GroupKind.FIXED, count=5)
    services.plan_update(
        plan=plan,
        user=user,
        fields={},
        parts={
            "sessions": [RowInput(key="new", position=1, values={"name": "Lớp mới"})],
            "groups": [
                RowInput(
                    key="g",
                    pk=group.pk,
                    position=1,
                    values={"kind": GroupKind.FIXED, "count": 5},
                    refs={"session_number": 1},
                )
            ],
        },
    )
    group.refresh_from_db()
    assert group.session.name == "Lớp mới"
    assert not Session.objects.filter(pk=old.pk).exists()


@pytest.mark.parametrize(
    ("parts", "key", "field", "message"),
    [
        (
            {"sections": [RowInput(key="s", position=1, values={"heading": "A"}, refs={"parent_number": 5})]},
            "s",
            "parent_number",
            "Không có mục số 5 trong danh sách các mục.",
        ),
        (
            {"sections": [RowInput(key="s", position=1, values={"heading": "A"}, refs={"parent_number": 1})]},
            "s",
            "parent_number",
            SECTION_CYCLE_MESSAGE,
        ),
        (
            {
                "sessions": [
                    RowInput(key="c0", position=1, values={"name": "A"}),
                    RowInput(key="c1", position=1, values={"name": "B"}),
                ],
                "groups": [
                    RowInput(
                        key="g", position=1, values={"kind": "fixed", "count": 2}, refs={"session_number": 1}
                    )
                ],
            },
            "g",
            "session_number",
            "Có nhiều dòng cùng số thứ tự 1; hãy đánh lại số thứ tự cho khác nhau.",
        ),
        (
            {
                "groups": [RowInput(key="g", position=1, values={"kind": "fixed", "count": 2})],
                "breakdowns": [
                    RowInput(
                        key="k", position=1, values={"count": 2, "description": "x"}, refs={"group_number": 1}
                    )
                ],
            },
            "k",
            "group_number",
            BREAKDOWN_KIND_MESSAGE,
        ),
        (
            {
                "groups": [RowInput(key="g", position=1, values={"kind": "per_unit_type", "count": 15})],
                "breakdowns": [
                    RowInput(
                        key="k",
                        position=1,
                        values={"count": 14, "description": "x"},
                        refs={"group_number": 1},
                    )
                ],
            },
            "g",
            "count",
            "Cơ cấu thành phần cộng lại 14 người, khác định mức 15 người của nhóm.",
        ),
        (
            {
                "activities": [
                    RowInput(key="a", position=1, values={"content": "X", "period_kind": "quarter"})
                ]
            },
            "a",
            "quarter",
            "Chọn quý.",
        ),
        (
            {"recipients": [RowInput(key="r", pk=999_999, position=1, values={"text": "X"})]},
            "r",
            None,
            ROW_GONE_MESSAGE,
        ),
    ],
)
def test_a_wrong_row_is_reported_on_its_field_and_nothing_is_saved(user, plan, parts, key, field, message):
    parts.setdefault("sessions", [])
    parts.setdefault("groups", [])
    before = plan.updated_at
    with pytest.raises(ServiceError) as error:
        services.plan_update(plan=plan, user=user, fields={"subject": "Đổi trích yếu"}, parts=parts)
    assert message in error.value.rows[key][field]
    plan.refresh_from_db()
    assert (plan.subject, plan.updated_at) == (
        "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",
        before,
    )
    assert not plan.sections.exists()
    assert not plan.participant_groups.exists()


def test_plan_field_errors_are_reported_by_field(user, plan):
    with pytest.raises(ServiceError) as error:
        services.plan_update(plan=plan, user=user, fields={"date_day": 31, "date_month": 2})
    assert error.value.errors == {"date_day": ["Tháng 2/2024 không có ngày 31."]}


def test_two_contributions_of_one_unit_are_refused(user, plan, district):
    rows = [
        RowInput(key="m0", values={"organization": district, "amount": Decimal(1)}),
        RowInput(key="m1", values={"organization": district, "amount": Decimal(2)}),
    ]
    with pytest.raises(ServiceError) as error:
        services.plan_update(plan=plan, user=user, fields={}, parts={"contributions": rows})
    assert error.value.rows == {"m1": {"organization": [DUPLICATE_CONTRIBUTION_MESSAGE]}}


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PlanStatus.ISSUED, policy.STATE_MESSAGES[policy.Action.EDIT][PlanStatus.ISSUED]),
        (PlanStatus.SUBMITTED, policy.STATE_MESSAGES[policy.Action.EDIT][PlanStatus.SUBMITTED]),
        (PlanStatus.APPROVED, policy.STATE_MESSAGES[policy.Action.EDIT][PlanStatus.APPROVED]),
    ],
)
def test_only_a_draft_is_edited(user, plan, status, message):
    plan.status = status
    plan.save()
    with pytest.raises(ServiceError) as error:
        services.plan_update(plan=plan, user=user, fields={"subject": "Khác"})
    assert error.value.messages == [message]
    plan.refresh_from_db()
    assert plan.subject == "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024"


# ---------------------------------------------------------------------------
# Copies
# ---------------------------------------------------------------------------
def snapshot(plan: Plan) -> dict:
    """Every part of a plan, without ids, to compare a plan with its copy."""
    return {
        "bases": list(
            plan.legal_bases.order_by("order").values_list("order", "form", "text", "referenced_plan")
        ),
        "sections": tree(plan),
        "section_bodies": sorted(plan.sections.values_list("body", flat=True)),
        "activities": [
            (
                a.order,
                a.content,
                a.period_kind,
                a.quarter,
                a.month,
                a.start_date,
                a.end_date,
                a.implementers_text,
                a.place,
                a.timing_text,
                sorted(o.pk for o in a.lead_organizations.all()),
                sorted(o.pk for o in a.coordinating_organizations.all()),
            )
            for a in plan.activities.order_by("order")
        ],
        "sessions": list(
            plan.sessions.order_by("order").values_list("order", "name", "duration", "timing_text")
        ),
        "groups": [
            (
                g.order,
                g.session.name if g.session else None,
                g.kind,
                g.description,
                g.full_name,
                g.count,
                g.noun,
                g.unit_count,
                sorted(o.pk for o in g.units.all()),
                [(p.order, p.count, p.description) for p in g.breakdown.order_by("order")],
            )
            for g in plan.participant_groups.order_by("order")
        ],
        "budget": list(
            plan.budget_lines.order_by("order").values_list("item", "quantity", "unit", "unit_price")
        ),
        "contributions": list(plan.contributions.values_list("organization", "amount", "note")),
        "duties": [
            (d.order, d.title, d.body, sorted(o.pk for o in d.organizations.all()))
            for d in plan.duties.order_by("order")
        ],
        "recipients": list(plan.recipients.order_by("order").values_list("order", "text", "organization")),
    }


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_a_copy_keeps_every_part_of_the_plan(admin, demo, seed):
    source = demo[seed]
    BudgetContribution.objects.create(plan=source, organization=Organization.objects.first(), amount=100)
    BudgetLine.objects.create(plan=source, order=1, item="Nước uống", quantity=2, unit_price=10000)

    copy = services.plan_copy(plan=source, user=admin)

    assert copy.pk != source.pk
    assert snapshot(copy) == snapshot(source)
    assert (copy.subject, copy.year, copy.date_year, copy.status) == (
        source.subject,
        source.year,
        source.date_year,
        PlanStatus.DRAFT,
    )
    assert build_plan_context(copy)["body"] == build_plan_context(source)["body"]


def test_a_copy_has_no_number_and_no_day(user, plan):
    plan.number, plan.date_day, plan.status = 5, 12, PlanStatus.ISSUED
    plan.save()
    copy = services.plan_copy(plan=plan, user=user)
    assert (copy.number, copy.date_day, copy.date_month, copy.status) == (None, None, 3, PlanStatus.DRAFT)


def test_a_copy_to_next_year_moves_years_dates_and_the_years_named_in_texts(admin, demo):
    source = demo["000"]  # study trip, 31/8/2024 – 03/9/2024, registration by 08/8/2024
    copy = services.plan_copy(plan=source, user=admin, to_next_year=True)

    assert (copy.year, copy.date_year, copy.number, copy.date_day) == (2025, 2025, None, None)
    assert copy.subject == (
        "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm 2025 "
        "của Cụm thi đua 2, tỉnh Đồng Tháp"
    )
    assert copy.registration_deadline == datetime.date(2025, 8, 8)
    trip = copy.activities.get()
    assert (trip.start_date, trip.end_date) == (datetime.date(2025, 8, 31), datetime.date(2025, 9, 3))
    times = copy.sections.get(heading="Thời gian, địa điểm, thành phần, phương tiện")
    assert "từ ngày 31/8/2025 đến ngày 03/9/2025" in times.body
    assert "chậm nhất trong ngày 08/8/2025" in copy.duties.get(order=2).body
    assert copy.budget_source == "Chi từ nguồn quỹ đóng góp của các huyện trong Cụm thi đua 2 năm 2025"
    assert snapshot(copy)["groups"] == snapshot(source)["groups"]
    source.refresh_from_db()
    assert source.year == 2024  # the original is untouched


def test_a_copy_to_next_year_keeps_legal_bases_as_cited(admin, demo):
    source = demo["003"]
    copy = services.plan_copy(plan=source, user=admin, to_next_year=True)
    assert snapshot(copy)["bases"] == snapshot(source)["bases"]
    assert copy.activities.get(order=1).content.endswith("kế hoạch phát triển kinh tế - xã hội năm 2025")


def test_a_copy_to_next_year_moves_29_february_to_28_february(user, plan):
    Activity.objects.create(
        plan=plan, order=1, content="Họp", period_kind=PeriodKind.DATE, start_date=datetime.date(2024, 2, 29)
    )
    copy = services.plan_copy(plan=plan, user=user, to_next_year=True)
    assert copy.activities.get().start_date == datetime.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tập huấn năm 2024", "Tập huấn năm 2025"),
        ("6 tháng đầu NĂM 2024", "6 tháng đầu NĂM 2025"),
        ("từ ngày 31/8/2024 đến ngày 03/9/2024", "từ ngày 31/8/2025 đến ngày 03/9/2025"),
        ("đầu tháng 7/2024", "đầu tháng 7/2025"),
        ("Quý II/2024", "Quý II/2025"),
        ("tổng kết năm 2023, giai đoạn 2021-2024, 12024", "tổng kết năm 2023, giai đoạn 2021-2024, 12024"),
        ("Nghị định 98/2024/NĐ-CP", "Nghị định 98/2024/NĐ-CP"),
    ],
)
def test_only_the_plans_year_named_as_a_year_moves(text, expected):
    assert services.shift_year_in_text(text, 2024) == expected


def test_the_copy_of_a_plan_with_every_kind_of_row_can_be_edited_again(admin, demo):
    copy = services.plan_copy(plan=demo["004"], user=admin)
    group = copy.participant_groups.get(order=1)
    assert [part.count for part in ParticipantBreakdown.objects.filter(group=group).order_by("order")] == [
        1,
        1,
        13,
    ]
    assert Duty.objects.filter(plan=copy).count() == 3
    assert Recipient.objects.filter(plan=copy).count() == 5
    assert LegalBasis.objects.filter(plan=copy).count() == 1
