"""Reorganising bodies: merge, split, rename; what moves, what stays, and what earlier plans print."""

import datetime
import hashlib
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from clusters.choices import MembershipRole, OrganizationLevel, ReorganisationKind, StaffRole
from clusters.models import ClusterMembership, Organization, Staff, Succession
from clusters.reorganisation import reorganise
from common.errors import ServiceError
from plans import policy
from plans.choices import LegalBasisForm, PlanStatus
from plans.documents.context import build_plan_context, canonical_json
from plans.models import IssuedDocument, NumberingRegister, Plan
from plans.numbering import allocate_number
from plans.services import RowInput, plan_create_from_template, plan_update
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)


def commune(name: str, parent: Organization, **fields) -> Organization:
    return Organization.objects.create(
        name=f"Ủy ban nhân dân xã {name}",
        short_name=f"UBND xã {name}",
        level=OrganizationLevel.COMMUNE,
        header_name=f"ỦY BAN NHÂN DÂN XÃ {name.upper()}",
        abbreviation="UBND",
        place_name=name,
        is_collective=True,
        parent=parent,
        **fields,
    )


@pytest.fixture
def district(db):
    province = OrganizationFactory(name="Ủy ban nhân dân tỉnh Thử", level=OrganizationLevel.PROVINCE)
    return OrganizationFactory(
        name="Ủy ban nhân dân huyện Thử", level=OrganizationLevel.DISTRICT, parent=province
    )


# ---------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------
def test_a_merge_closes_the_bodies_the_day_before_opens_the_successor_and_carries_roles_and_next_years(
    district,
):
    other = OrganizationFactory(name="Ủy ban nhân dân huyện Khác", parent=district.parent)
    successor = commune("Mới", district.parent)
    drafter, approver = UserFactory(), UserFactory()
    Staff.objects.create(user=drafter, organization=district, role=StaffRole.DRAFTER)
    Staff.objects.create(user=approver, organization=other, role=StaffRole.APPROVER)
    cluster_2025 = ClusterMembership.objects.create(
        cluster=_cluster(district), organization=district, year=2025, role=MembershipRole.HEAD
    )
    ClusterMembership.objects.create(
        cluster=cluster_2025.cluster, organization=district, year=2026, role=MembershipRole.HEAD
    )
    ClusterMembership.objects.create(cluster=cluster_2025.cluster, organization=other, year=2026)

    result = reorganise(
        kind=ReorganisationKind.MERGE, predecessors=[district, other], successors=[successor], date=REFORM
    )

    district.refresh_from_db()
    successor.refresh_from_db()
    assert district.valid_to == datetime.date(2025, 6, 30)
    assert successor.valid_from == REFORM
    assert set(Succession.objects.values_list("predecessor", "successor", "kind")) == {
        (district.pk, successor.pk, "merge"),
        (other.pk, successor.pk, "merge"),
    }
    assert set(Staff.objects.values_list("user", "organization", "role")) == {
        (drafter.pk, successor.pk, StaffRole.DRAFTER),
        (approver.pk, successor.pk, StaffRole.APPROVER),
    }
    # 2025 stays as the plans of 2025 name it; 2026 passes to the successor, as head (the higher role).
    assert list(ClusterMembership.objects.order_by("year").values_list("year", "organization", "role")) == [
        (2025, district.pk, MembershipRole.HEAD),
        (2026, successor.pk, MembershipRole.HEAD),
    ]
    assert result.staff_moved == 2
    assert "chuyển 2 vai trò cán bộ" in result.summary()


def _cluster(organization):
    from tests.factories import ClusterFactory

    return ClusterFactory(organization=organization.parent)


def test_a_split_leaves_the_staff_for_the_administrator_to_assign_and_says_so(district):
    first, second = commune("Một", district.parent), commune("Hai", district.parent)
    Staff.objects.create(user=UserFactory(), organization=district, role=StaffRole.CLERK)

    result = reorganise(
        kind=ReorganisationKind.SPLIT, predecessors=[district], successors=[first, second], date=REFORM
    )

    assert Staff.objects.get().organization == district
    assert "Còn 1 vai trò cán bộ cần phân công" in result.summary()
    assert Succession.objects.filter(predecessor=district).count() == 2


def test_a_renamed_body_goes_on_with_its_numbers_of_the_year_and_a_merged_one_starts_at_01(district):
    renamed = commune("Tên Mới", district.parent)
    for _ in range(4):
        allocate_number(issuer=district, year=2025)
    reorganise(kind=ReorganisationKind.RENAME, predecessors=[district], successors=[renamed], date=REFORM)
    assert allocate_number(issuer=renamed, year=2025) == 5

    merged_from = commune("Cũ", district.parent)
    allocate_number(issuer=merged_from, year=2025)
    merged = commune("Hợp Nhất", district.parent)
    reorganise(kind=ReorganisationKind.MERGE, predecessors=[merged_from], successors=[merged], date=REFORM)
    assert allocate_number(issuer=merged, year=2025) == 1
    assert NumberingRegister.objects.filter(organization=renamed, year=2025).get().last_number == 5


@pytest.mark.parametrize(
    ("kind", "successor_count", "message"),
    [
        (ReorganisationKind.MERGE, 2, "Sáp nhập, hợp nhất: nhiều cơ quan vào đúng một cơ quan kế thừa."),
        (ReorganisationKind.SPLIT, 1, "Chia, tách: một cơ quan thành ít nhất hai cơ quan kế thừa."),
        (ReorganisationKind.RENAME, 2, "Đổi tên: một cơ quan sang đúng một cơ quan mang tên mới."),
    ],
)
def test_a_reorganisation_of_the_wrong_shape_is_refused_and_changes_nothing(
    district, kind, successor_count, message
):
    successors = [commune(f"Xã {index}", district.parent) for index in range(successor_count)]
    with pytest.raises(ServiceError) as error:
        reorganise(kind=kind, predecessors=[district], successors=successors, date=REFORM)
    assert error.value.errors == {"successors": [message]}
    district.refresh_from_db()
    assert district.valid_to is None
    assert not Succession.objects.exists()


def test_a_body_cannot_succeed_itself_nor_be_closed_twice(district):
    with pytest.raises(ServiceError, match="không được là cơ quan được sắp xếp"):
        reorganise(kind=ReorganisationKind.MERGE, predecessors=[district], successors=[district], date=REFORM)
    district.valid_to = datetime.date(2024, 12, 31)
    district.save()
    with pytest.raises(ServiceError, match="đã hết hiệu lực từ 31/12/2024"):
        reorganise(
            kind=ReorganisationKind.MERGE,
            predecessors=[district],
            successors=[commune("X", None)],
            date=REFORM,
        )


# ---------------------------------------------------------------------------
# The admin action and the command
# ---------------------------------------------------------------------------
def test_the_admin_reorganises_the_chosen_bodies_from_the_changelist(admin_client, district):
    first, second = commune("Một", district.parent), commune("Hai", district.parent)
    url = reverse("admin:clusters_organization_changelist")
    chosen = {"action": "reorganise_action", ACTION_CHECKBOX_NAME: [district.pk]}

    page = admin_client.post(url, chosen)
    assert page.status_code == 200
    assert "Sắp xếp lại cơ quan, đơn vị" in page.content.decode()

    wrong = admin_client.post(
        url,
        {**chosen, "apply": "1", "kind": "rename", "date": "01/07/2025", "successors": [first.pk, second.pk]},
    )
    assert "Đổi tên: một cơ quan sang đúng một cơ quan mang tên mới." in wrong.content.decode()
    assert 'value="01/07/2025"' in wrong.content.decode()  # nothing typed is lost
    assert not Succession.objects.exists()

    done = admin_client.post(
        url,
        {**chosen, "apply": "1", "kind": "split", "date": "01/07/2025", "successors": [first.pk, second.pk]},
        follow=True,
    )
    assert "Đã ghi 2 quan hệ kế thừa" in done.content.decode()
    district.refresh_from_db()
    assert district.valid_to == datetime.date(2025, 6, 30)


def test_the_admin_list_of_bodies_shows_those_in_force_and_dissolved_ones_behind_a_filter(
    admin_client, district
):
    closed = OrganizationFactory(name="Phòng Đã Giải Thể", valid_to=datetime.date(2025, 6, 30))
    url = reverse("admin:clusters_organization_changelist")
    assert closed.name not in admin_client.get(url).content.decode()
    assert district.name in admin_client.get(url).content.decode()
    dissolved = admin_client.get(url, {"hieu_luc": "het"}).content.decode()
    assert closed.name in dissolved
    assert district.name not in dissolved


def test_the_reorganise_command_merges_by_name_or_id_and_reports_a_bad_date(district):
    successor = commune("Mới", district.parent)
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command(
            "reorganise",
            "--kind",
            "merge",
            "--date",
            "31/02/2025",
            "--from",
            district.name,
            "--to",
            str(successor.pk),
        )
    out = io.StringIO()
    call_command(
        "reorganise",
        "--kind",
        "merge",
        "--date",
        "01/07/2025",
        "--from",
        district.name,
        "--to",
        str(successor.pk),
        stdout=out,
    )
    assert "Đã ghi 1 quan hệ kế thừa" in out.getvalue()
    assert Succession.objects.get().successor == successor


# ---------------------------------------------------------------------------
# The demo, reorganised further: earlier plans print exactly as before
# ---------------------------------------------------------------------------
def test_reorganising_the_demos_districts_into_communes_leaves_every_issued_document_and_seed_as_it_was(
    settings, django_capture_on_commit_callbacks
):
    from plans.management.demo.loader import load_demo

    with django_capture_on_commit_callbacks(execute=True):  # the PDFs are written on commit
        seeds = load_demo()
    documents = IssuedDocument.objects.order_by("pk")
    assert documents.count() >= 2
    before = {
        doc.pk: (doc.sha256, hashlib.sha256(doc.pdf_bytes()).hexdigest(), canonical_json(doc.context))
        for doc in documents
    }
    seed_contexts = {key: canonical_json(build_plan_context(plan.pk)) for key, plan in seeds.items()}

    bac_son = Organization.objects.get(name="Ủy ban nhân dân huyện Bắc Sơn")
    lang_son = bac_son.parent
    with django_capture_on_commit_callbacks(execute=True):
        reorganise(
            kind=ReorganisationKind.SPLIT,
            predecessors=[bac_son],
            successors=[commune("Bắc Sơn", lang_son), commune("Hưng Vũ", lang_son)],
            date=REFORM,
        )
        for district in Organization.objects.filter(
            level=OrganizationLevel.DISTRICT, links_to_successors__isnull=True
        ):
            reorganise(
                kind=ReorganisationKind.RENAME,
                predecessors=[district],
                successors=[commune(f"Kế thừa {district.pk}", district.parent)],
                date=REFORM,
            )

    assert not Organization.objects.filter(
        level=OrganizationLevel.DISTRICT, links_to_successors__isnull=True
    ).exists()
    after = {
        doc.pk: (doc.sha256, hashlib.sha256(doc.pdf_bytes()).hexdigest(), canonical_json(doc.context))
        for doc in documents
    }
    assert after == before
    assert all(sha == digest for sha, digest, _ in after.values())
    assert {key: canonical_json(build_plan_context(plan.pk)) for key, plan in seeds.items()} == seed_contexts


def test_a_plan_of_a_successor_body_cites_its_predecessors_issued_plan(demo):
    bac_son = Organization.objects.get(name="Ủy ban nhân dân huyện Bắc Sơn")
    district_plan = Plan.objects.get(organization=bac_son, status=PlanStatus.ISSUED)
    successor = commune("Bắc Sơn", bac_son.parent)
    reorganise(
        kind=ReorganisationKind.SPLIT,
        predecessors=[bac_son],
        successors=[successor, commune("Hưng Vũ", bac_son.parent)],
        date=REFORM,
    )
    drafter = UserFactory()
    Staff.objects.create(user=drafter, organization=successor, role=StaffRole.DRAFTER)

    # The successor's drafter sees the predecessor's plans (the picker offers them), not others'.
    visible = policy.visible_plans(drafter)
    assert district_plan in visible
    assert not visible.filter(organization__name="Sở Giáo dục và Đào tạo tỉnh Lào Cai").exists()

    plan = plan_create_from_template(user=drafter, kind="annual", organization=successor, year=2026)
    citation = RowInput(
        key="legal_bases-1",
        position=1,
        values={"form": LegalBasisForm.BASED_ON, "text": "", "referenced_plan": district_plan},
    )
    plan_update(plan=plan, user=drafter, fields={}, parts={"legal_bases": [citation]})
    (basis,) = build_plan_context(plan.pk)["legal_bases"]
    assert basis["text"] == (
        "Căn cứ Kế hoạch số 03/KH-UBND ngày 09/01/2024 của UBND huyện Bắc Sơn "
        "về công tác thi đua, khen thưởng năm 2024."
    )


def test_the_directory_shows_bodies_in_force_and_the_dissolved_ones_behind_a_link(client, world):
    from django.urls import reverse
    from django.utils import timezone

    Organization.objects.filter(pk=world.member.pk).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.users["drafter"])
    url = reverse("clusters:organization_list")
    names = [organization.pk for organization, _ in client.get(url).context["tree"]]
    assert world.member.pk not in names
    assert world.own.pk in names
    everything = client.get(url, {"dissolved": "1"})
    assert world.member.pk in [organization.pk for organization, _ in everything.context["tree"]]
    assert "Chỉ hiện cơ quan, cụm đang hoạt động" in everything.content.decode()
