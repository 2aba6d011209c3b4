"""Shared fixtures."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def province(db):
    from clusters.choices import OrganizationLevel
    from clusters.models import Organization

    return Organization.objects.create(
        name="Ủy ban nhân dân tỉnh Đồng Tháp",
        short_name="UBND tỉnh Đồng Tháp",
        level=OrganizationLevel.PROVINCE,
        abbreviation="UBND",
        place_name="Đồng Tháp",
        is_collective=True,
    )


@pytest.fixture
def district(province):
    from clusters.choices import OrganizationLevel
    from clusters.models import Organization

    return Organization.objects.create(
        name="Ủy ban nhân dân huyện Tháp Mười",
        short_name="UBND huyện Tháp Mười",
        parent=province,
        level=OrganizationLevel.DISTRICT,
        header_parent_line="UBND TỈNH ĐỒNG THÁP",
        abbreviation="UBND",
        place_name="Tháp Mười",
        is_collective=True,
    )


@pytest.fixture
def cluster(province):
    from clusters.models import Cluster

    return Cluster.objects.create(
        name="Cụm thi đua 2",
        organization=province,
        abbreviation="CTĐ",
        header_parent_line="UBND TỈNH ĐỒNG THÁP",
    )


@pytest.fixture
def plan(district):
    from plans.models import Plan

    return Plan.objects.create(
        organization=district,
        kind="training",
        year=2024,
        subject="Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",
        date_month=3,
        date_year=2024,
    )


@pytest.fixture
def world(db):
    """Bodies, a rotating cluster, a user in every role and their plans (tests/world.py)."""
    from tests.world import build_world

    return build_world()
