"""Organisations, clusters and memberships: the database refuses what the domain forbids."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clusters.choices import MembershipRole, OrganizationLevel
from clusters.models import ClusterMembership, Organization

pytestmark = pytest.mark.django_db


def test_the_organisation_tree_has_any_depth(district):
    commune = Organization.objects.create(
        name="Ủy ban nhân dân xã Mỹ Hòa",
        parent=district,
        level=OrganizationLevel.COMMUNE,
        abbreviation="UBND",
    )
    office = Organization.objects.create(
        name="Văn phòng - Thống kê xã Mỹ Hòa",
        parent=commune,
        level=OrganizationLevel.OFFICE,
        abbreviation="VP",
    )
    chain, node = [], office.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    assert [org.name for org in chain] == [
        "Ủy ban nhân dân xã Mỹ Hòa",
        "Ủy ban nhân dân huyện Tháp Mười",
        "Ủy ban nhân dân tỉnh Đồng Tháp",
    ]


def test_an_organisation_cannot_be_its_own_ancestor(province, district):
    province.parent = district
    with pytest.raises(ValidationError) as error:
        province.full_clean()
    assert "parent" in error.value.message_dict


def test_a_validity_period_cannot_end_before_it_starts(province):
    province.valid_from = datetime.date(2025, 7, 1)
    province.valid_to = datetime.date(2025, 6, 30)
    with pytest.raises(IntegrityError), transaction.atomic():
        province.save()


def test_printed_name_is_upper_case_and_header_name_wins(district):
    assert district.printed_name == "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI"
    district.header_name = "UBND HUYỆN THÁP MƯỜI"
    assert district.printed_name == "UBND HUYỆN THÁP MƯỜI"


def test_a_cluster_has_exactly_one_head_per_year_and_the_head_rotates(cluster, district, province):
    other = Organization.objects.create(
        name="Ủy ban nhân dân huyện Lai Vung",
        parent=province,
        level=OrganizationLevel.DISTRICT,
        abbreviation="UBND",
        place_name="Lai Vung",
    )
    ClusterMembership.objects.create(
        cluster=cluster, organization=district, year=2024, role=MembershipRole.HEAD
    )
    ClusterMembership.objects.create(cluster=cluster, organization=other, year=2025, role=MembershipRole.HEAD)
    assert cluster.head_for(2024) == district
    assert cluster.head_for(2025) == other
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(
            cluster=cluster, organization=other, year=2024, role=MembershipRole.HEAD
        )


def test_a_unit_is_member_of_a_cluster_once_per_year(cluster, district):
    ClusterMembership.objects.create(cluster=cluster, organization=district, year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(cluster=cluster, organization=district, year=2024)


@pytest.mark.parametrize(("year", "role"), [(1800, MembershipRole.MEMBER), (2024, "boss")])
def test_membership_year_and_role_are_checked_by_the_database(cluster, district, year, role):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(cluster=cluster, organization=district, year=year, role=role)


def test_full_clean_reports_the_second_head_in_vietnamese(cluster, district, province):
    other = Organization.objects.create(
        name="Ủy ban nhân dân huyện Cao Lãnh",
        parent=province,
        level=OrganizationLevel.DISTRICT,
        abbreviation="UBND",
    )
    ClusterMembership.objects.create(
        cluster=cluster, organization=district, year=2024, role=MembershipRole.HEAD
    )
    second = ClusterMembership(cluster=cluster, organization=other, year=2024, role=MembershipRole.HEAD)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Mỗi cụm chỉ có một Trưởng cụm trong một năm." in str(error.value)
