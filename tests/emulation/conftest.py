"""A cluster's criteria table for 2024 in the test world (Cụm thi đua 2: Tháp Mười heads it, Lai Vung
is a member), issued through the services, with one criterion of every kind."""

from decimal import Decimal

import pytest

from emulation import criteria as services
from emulation.choices import CriterionKind, PointsFormula

D = Decimal
# name → (in the group?, fields); the order is the order they are added and printed.
CRITERIA = {
    "group": (False, {"kind": CriterionKind.GROUP, "title": "Công tác chung"}),
    "quantitative": (
        True,
        {
            "order": 1,
            "kind": CriterionKind.QUANTITATIVE,
            "title": "Tỷ lệ hồ sơ giải quyết đúng hạn",
            "max_points": D("20"),
            "formula": PointsFormula.PROPORTIONAL,
            "target": D("100"),
            "measure": "%",
        },
    ),
    "qualitative": (
        True,
        {
            "order": 2,
            "kind": CriterionKind.QUALITATIVE,
            "title": "Chất lượng phong trào thi đua",
            "max_points": D("10"),
        },
    ),
    "occurrence": (
        False,
        {
            "order": 2,
            "kind": CriterionKind.PER_OCCURRENCE,
            "title": "Mô hình, điển hình tiên tiến được nhân rộng",
            "max_points": D("6"),
            "points_per_unit": D("1.5"),
        },
    ),
    "bonus": (False, {"order": 3, "kind": CriterionKind.BONUS, "title": "Sáng kiến", "max_points": D("8")}),
    "penalty": (
        False,
        {
            "order": 4,
            "kind": CriterionKind.PENALTY,
            "title": "Gửi báo cáo trễ hạn",
            "max_points": D("4"),
            "points_per_unit": D("1"),
        },
    ),
}


@pytest.fixture
def table(world):
    manager = world.users["approver"]
    table = services.table_create(
        actor=manager,
        title="Bảng tiêu chí chấm điểm thi đua năm 2024",
        year=2024,
        cluster=world.cluster,
        plan=world.cluster_plan,
        bonus_cap=D("5"),
        penalty_cap=D("10"),
    )
    named = {}
    for name, (in_group, fields) in CRITERIA.items():
        parent = named["group"] if in_group else None
        named[name] = services.criterion_save(actor=manager, table=table, parent=parent, **fields)
    table = services.table_issue(actor=manager, table=table)
    table.named = named
    return table
