"""A small world of bodies, a rotating cluster, people in every role and their plans, for the tests of
rights and of the workflow.

Đồng Tháp (province) has two districts, Tháp Mười (with its home-affairs office) and Lai Vung, which
form "Cụm thi đua 2" with Tháp Mười at its head in 2024 and Lai Vung in 2025. Cao Bằng, elsewhere,
has Hà Quảng with a drafter of its own: the "other" body.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from clusters.choices import MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from plans.document_types import PLAN, facts_of
from plans.models import Plan

PASSWORD = "mật-khẩu-thử-nghiệm"


@dataclass
class World:
    province: Organization
    own: Organization
    office: Organization
    member: Organization
    other: Organization
    cluster: Cluster
    users: dict
    own_plan: Plan
    other_plan: Plan
    cluster_plan: Plan


def _body(name, level, parent=None, **extra) -> Organization:
    return Organization.objects.create(
        name=name, short_name=extra.pop("short_name", name), level=level, parent=parent, **extra
    )


def _user(username, *, body=None, role=None, superuser=False):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.invalid",
        password=PASSWORD,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if role is not None:
        Staff.objects.create(user=user, organization=body, role=role)
    return user


def plan_of(issuer, *, year=2024, subject="Tập huấn nghiệp vụ thi đua, khen thưởng", **fields) -> Plan:
    owner = {"cluster": issuer} if isinstance(issuer, Cluster) else {"organization": issuer}
    # Signed and archived as the format check asks, so that issuing needs no confirmation.
    in_person = facts_of(fields.get("document_type", PLAN)).signed_in_person  # the minutes
    if (isinstance(issuer, Cluster) or issuer.is_collective) and not in_person:
        fields.setdefault(
            "signer_on_behalf_of", "CỤM THI ĐUA" if isinstance(issuer, Cluster) else "ỦY BAN NHÂN DÂN"
        )
    fields.setdefault("archive_note", "VT")
    return Plan.objects.create(
        **owner,
        kind="training",
        year=year,
        subject=subject,
        date_month=3,
        date_year=year,
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
        **fields,
    )


def build_world() -> World:
    province = _body(
        "Ủy ban nhân dân tỉnh Đồng Tháp",
        OrganizationLevel.PROVINCE,
        short_name="UBND tỉnh Đồng Tháp",
        abbreviation="UBND",
        place_name="Đồng Tháp",
        is_collective=True,
    )
    own = _body(
        "Ủy ban nhân dân huyện Tháp Mười",
        OrganizationLevel.DISTRICT,
        province,
        short_name="UBND huyện Tháp Mười",
        header_parent_line="UBND TỈNH ĐỒNG THÁP",
        abbreviation="UBND",
        place_name="Tháp Mười",
        is_collective=True,
    )
    office = _body("Phòng Nội vụ huyện Tháp Mười", OrganizationLevel.OFFICE, own, abbreviation="PNV")
    member = _body(
        "Ủy ban nhân dân huyện Lai Vung",
        OrganizationLevel.DISTRICT,
        province,
        short_name="UBND huyện Lai Vung",
        abbreviation="UBND",
        place_name="Lai Vung",
        is_collective=True,
    )
    other_province = _body("Ủy ban nhân dân tỉnh Cao Bằng", OrganizationLevel.PROVINCE, abbreviation="UBND")
    other = _body(
        "Ủy ban nhân dân huyện Hà Quảng",
        OrganizationLevel.DISTRICT,
        other_province,
        short_name="UBND huyện Hà Quảng",
        abbreviation="UBND",
        place_name="Hà Quảng",
        is_collective=True,
    )
    cluster = Cluster.objects.create(name="Cụm thi đua 2", organization=province, abbreviation="CTĐ")
    for year, head, members in ((2024, own, [member]), (2025, member, [own])):
        ClusterMembership.objects.create(
            cluster=cluster, organization=head, year=year, role=MembershipRole.HEAD
        )
        for unit in members:
            ClusterMembership.objects.create(cluster=cluster, organization=unit, year=year)
    users = {
        "anonymous": None,
        "admin": _user("quantri", superuser=True),
        "drafter": _user("soanthao", body=office, role=StaffRole.DRAFTER),
        "approver": _user("pheduyet", body=own, role=StaffRole.APPROVER),
        "clerk": _user("vanthu", body=own, role=StaffRole.CLERK),
        "member_staff": _user("thanhvien", body=member, role=StaffRole.MEMBER_STAFF),
        "member_approver": _user("lanhdaolaivung", body=member, role=StaffRole.APPROVER),
        "overseer": _user("giamsat", body=province, role=StaffRole.OVERSEER),
        "outsider": _user("nguoingoai", body=other, role=StaffRole.DRAFTER),
    }
    return World(
        province=province,
        own=own,
        office=office,
        member=member,
        other=other,
        cluster=cluster,
        users=users,
        own_plan=plan_of(own),
        other_plan=plan_of(other),
        cluster_plan=plan_of(cluster, subject="Giao lưu, học tập kinh nghiệm giữa các đơn vị trong Cụm"),
    )
