"""The awards catalogue is dated data: who may decide an award depends on the day (01/7/2025)."""

import datetime

import pytest

from emulation.choices import AuthorityLevel, AwardRecipient
from emulation.models import Award, AwardRule, authority_warning, deciding_authorities, may_decide

pytestmark = pytest.mark.django_db

BEFORE = datetime.date(2025, 3, 1)
AFTER = datetime.date(2026, 3, 1)


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def test_the_district_chairman_decided_lao_dong_tien_tien_until_the_reform_and_the_commune_chairman_after():
    lao_dong = award("lao-dong-tien-tien")
    assert may_decide(AuthorityLevel.DISTRICT_CHAIR, lao_dong, BEFORE)
    assert not may_decide(AuthorityLevel.DISTRICT_CHAIR, lao_dong, AFTER)
    assert not may_decide(AuthorityLevel.COMMUNE_CHAIR, lao_dong, BEFORE)
    assert may_decide(AuthorityLevel.COMMUNE_CHAIR, lao_dong, AFTER)
    assert deciding_authorities(lao_dong, AFTER) == [
        AuthorityLevel.DEPARTMENT_HEAD,
        AuthorityLevel.COMMUNE_CHAIR,
    ]


def test_a_commune_asking_for_a_provincial_banner_gets_a_warning_naming_who_decides_it():
    banner = award("co-thi-dua-tinh")
    warning = authority_warning(AuthorityLevel.COMMUNE_CHAIR, banner, AFTER)
    assert warning == (
        "Theo danh mục khen thưởng áp dụng ngày 01/03/2026, Chủ tịch Ủy ban nhân dân cấp xã không "
        "quyết định “Cờ thi đua của Ủy ban nhân dân tỉnh”; cấp quyết định: Bộ trưởng, thủ trưởng cơ quan "
        "ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân cấp tỉnh."
    )
    assert authority_warning(AuthorityLevel.PROVINCE_CHAIR, banner, AFTER) is None


def test_the_loaded_catalogue_cites_the_law_and_is_marked_unconfirmed():
    assert set(Award.objects.values_list("recipient", flat=True)) == set(AwardRecipient.values)
    rules = AwardRule.objects.select_related("legal_basis")
    assert not rules.filter(confirmed=True).exists()
    assert {rule.legal_basis.number for rule in rules} == {"06/2022/QH15", "152/2025/NĐ-CP"}


def test_a_new_rule_from_a_later_text_is_one_more_row():
    giay_khen = award("giay-khen")
    AwardRule.objects.filter(award=giay_khen, authority=AuthorityLevel.COMMUNE_CHAIR).update(
        valid_until=datetime.date(2026, 12, 31)
    )
    assert not may_decide(AuthorityLevel.COMMUNE_CHAIR, giay_khen, datetime.date(2027, 1, 1))
