"""A cluster's criteria table for 2024 in the test world (Cụm thi đua 2: Tháp Mười heads it, Lai Vung
is a member), issued through the services, with one criterion of every kind."""

from decimal import Decimal

import pytest

from emulation import criteria as services
from emulation.choices import CriterionKind, PointsFormula


@pytest.fixture
def table(world):
    manager = world.users["approver"]
    table = services.table_create(
        actor=manager,
        title="Bảng tiêu chí chấm điểm thi đua năm 2024",
        year=2024,
        cluster=world.cluster,
        plan=world.cluster_plan,
        bonus_cap=Decimal("5"),
        penalty_cap=Decimal("10"),
    )
    group = services.criterion_save(
        actor=manager, table=table, kind=CriterionKind.GROUP, title="Công tác chung"
    )
    table.named = {
        "group": group,
        "quantitative": services.criterion_save(
            actor=manager,
            table=table,
            parent=group,
            order=1,
            kind=CriterionKind.QUANTITATIVE,
            title="Tỷ lệ hồ sơ giải quyết đúng hạn",
            max_points=Decimal("20"),
            formula=PointsFormula.PROPORTIONAL,
            target=Decimal("100"),
            measure="%",
        ),
        "qualitative": services.criterion_save(
            actor=manager,
            table=table,
            parent=group,
            order=2,
            kind=CriterionKind.QUALITATIVE,
            title="Chất lượng phong trào thi đua",
            max_points=Decimal("10"),
        ),
        "occurrence": services.criterion_save(
            actor=manager,
            table=table,
            order=2,
            kind=CriterionKind.PER_OCCURRENCE,
            title="Mô hình, điển hình tiên tiến được nhân rộng",
            max_points=Decimal("6"),
            points_per_unit=Decimal("1.5"),
        ),
        "bonus": services.criterion_save(
            actor=manager,
            table=table,
            order=3,
            kind=CriterionKind.BONUS,
            title="Sáng kiến",
            max_points=Decimal("8"),
        ),
        "penalty": services.criterion_save(
            actor=manager,
            table=table,
            order=4,
            kind=CriterionKind.PENALTY,
            title="Gửi báo cáo trễ hạn",
            max_points=Decimal("4"),
            points_per_unit=Decimal("1"),
        ),
    }
    named = table.named
    table = services.table_issue(actor=manager, table=table)
    table.named = named
    return table
