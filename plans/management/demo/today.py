"""The demo's present: the new Đồng Tháp of 1 July 2025, its communes, a cluster of communes and
this year's plans, as plain data for `loader`.

The old province of Đồng Tháp and Tiền Giang merged into the new Đồng Tháp; the districts of the
seeds were abolished and their communes regrouped. The reorganisations below are run through
`clusters.reorganisation.reorganise`, as an administrator would. Only the names of the provinces
are confirmed by the product's sources (docs/domain.md); the communes and wards are illustrative
(README says so).

Dates of this year's plans are offsets from the day `loaddemo` runs, so that a fresh demo always
has a registration open and activities ahead.
"""

import datetime

from activities.choices import GroupKind, PeriodKind
from clusters.choices import OrganizationLevel, ReorganisationKind, StaffRole
from plans.choices import PlanKind, SignerAuthority

REFORM_DAY = datetime.date(2025, 7, 1)  # Law 72/2025/QH15: two levels of local government
FIRST_CLUSTER_YEAR = 2026


def _commune(kind: str, name: str) -> dict:
    """A commune or ward People's Committee of the new province (no district above it any more)."""
    return {
        "name": f"Ủy ban nhân dân {kind} {name}",
        "short_name": f"UBND {kind} {name}",
        "level": OrganizationLevel.COMMUNE,
        "header_name": f"ỦY BAN NHÂN DÂN {kind.upper()} {name.upper()}",
        "abbreviation": "UBND",
        "place_name": name,
        "is_collective": True,
        "valid_from": REFORM_DAY,
    }


COMMUNES = {
    # key: (xã or phường, name)
    "xa_thap_muoi": ("xã", "Tháp Mười"),
    "xa_my_quy": ("xã", "Mỹ Quý"),
    "xa_lai_vung": ("xã", "Lai Vung"),
    "phuong_cao_lanh": ("phường", "Cao Lãnh"),
    "xa_chau_thanh": ("xã", "Châu Thành"),
    "phuong_my_tho": ("phường", "Mỹ Tho"),
}

# (key, parent key, fields), parents before children; appended to bodies.ORGANIZATIONS.
ORGANIZATIONS = [
    (
        "tien_giang",
        None,
        {
            "name": "Ủy ban nhân dân tỉnh Tiền Giang",
            "short_name": "UBND tỉnh Tiền Giang",
            "level": OrganizationLevel.PROVINCE,
            "header_name": "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
            "abbreviation": "UBND",
            "place_name": "Tiền Giang",
            "is_collective": True,
        },
    ),
    (
        "dong_thap_2025",
        None,
        {
            "name": "Ủy ban nhân dân tỉnh Đồng Tháp",
            "short_name": "UBND tỉnh Đồng Tháp",
            "level": OrganizationLevel.PROVINCE,
            "header_name": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
            "abbreviation": "UBND",
            "place_name": "Đồng Tháp",
            "is_collective": True,
            "valid_from": REFORM_DAY,
        },
    ),
    (
        "snv_dong_thap_2025",
        "dong_thap_2025",
        {
            "name": "Sở Nội vụ tỉnh Đồng Tháp",
            "level": OrganizationLevel.DEPARTMENT,
            "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
            "header_name": "SỞ NỘI VỤ",
            "abbreviation": "SNV",
            "place_name": "Đồng Tháp",
            "valid_from": REFORM_DAY,
        },
    ),
    *[(key, "dong_thap_2025", _commune(*names)) for key, names in COMMUNES.items()],
    (
        "vhxh_thap_muoi",
        "xa_thap_muoi",
        {
            "name": "Phòng Văn hóa - Xã hội xã Tháp Mười",
            "level": OrganizationLevel.OFFICE,
            "header_parent_line": "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI",
            "header_name": "PHÒNG VĂN HÓA - XÃ HỘI",
            "abbreviation": "VHXH",
            "place_name": "Tháp Mười",
            "valid_from": REFORM_DAY,
        },
    ),
]

# (kind, date, predecessor keys, successor keys), run in this order by `reorganise`; the
# successors are new bodies, except in ABSORBED.
REORGANISATIONS = [
    # The provincial labour department went into the (existing) Sở Nội vụ on 1 March 2025.
    (ReorganisationKind.MERGE, datetime.date(2025, 3, 1), ["sldtbxh_dong_thap"], ["snv_dong_thap"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["dong_thap", "tien_giang"], ["dong_thap_2025"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["snv_dong_thap", "tdkt_dong_thap"], ["snv_dong_thap_2025"]),
    # The demo's district, split into communes; its home-affairs office's work went to the
    # commune's Phòng Văn hóa - Xã hội (the demo drafter's role moves with it).
    (ReorganisationKind.SPLIT, REFORM_DAY, ["thap_muoi"], ["xa_thap_muoi", "xa_my_quy"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["pnv_thap_muoi"], ["vhxh_thap_muoi"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["lai_vung", "pnv_lai_vung"], ["xa_lai_vung"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["cao_lanh", "pnv_cao_lanh"], ["phuong_cao_lanh"]),
    (ReorganisationKind.MERGE, REFORM_DAY, ["chau_thanh", "pnv_chau_thanh"], ["xa_chau_thanh"]),
]

ABSORBED = {"snv_dong_thap"}

# Roles held before the reform by the people who drafted the seeds: given only until the
# reorganisation above has run (it carries them to the successor).
ROLES_BEFORE_REFORM = [("soanthao", "pnv_thap_muoi", StaffRole.DRAFTER)]

CLUSTER = (
    "dong_thap_xa_1",
    "Cụm thi đua các xã, phường số 1",
    "dong_thap_2025",
    {
        "short_name": "Cụm thi đua số 1",
        "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
        "header_name": "CỤM THI ĐUA CÁC XÃ, PHƯỜNG SỐ 1",
        "abbreviation": "CTĐ",
        "place_name": "Tháp Mười",
        "valid_from": datetime.date(FIRST_CLUSTER_YEAR, 1, 1),
    },
)
CLUSTER_HEAD = "xa_thap_muoi"
CLUSTER_DEPUTY = "xa_my_quy"
CLUSTER_MEMBERS = ["xa_lai_vung", "phuong_cao_lanh", "xa_chau_thanh"]

# The commune's leaders sign for the People's Committee: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
# PHÓ CHỦ TỊCH" (Nghị định 30/2020, Phụ lục I).
COMMUNE_SIGNER = {
    "signer_on_behalf_of": "Ủy ban nhân dân",
    "signer_authority": SignerAuthority.KT,
    "signer_authority_of": "Chủ tịch",
    "signer_position": "Phó Chủ tịch",
    "signer_name": "Nguyễn Văn An",
}


def plans(today: datetime.date) -> dict[str, dict]:
    """This year's plans, drafted from the templates, with dates placed around `today`."""
    year = today.year
    year_end = datetime.date(year, 12, 31)
    trip_start = min(today + datetime.timedelta(days=14), year_end - datetime.timedelta(days=1))
    deadline = max(today, min(today + datetime.timedelta(days=7), trip_start - datetime.timedelta(days=1)))
    return {
        # Left as a draft: the README's walk submits, approves and issues it.
        "xa_annual": {
            "issuer": {"organization": "xa_thap_muoi"},
            "kind": PlanKind.ANNUAL,
            "drafter": "soanthao",
            "fields": {**COMMUNE_SIGNER, "date_month": today.month},
            "extra_activities": [
                {
                    "content": "Kiểm tra, đôn đốc các ấp thực hiện phong trào thi đua trong tháng",
                    "period_kind": PeriodKind.MONTH,
                    "month": today.month,
                    "implementers_text": "Phòng Văn hóa - Xã hội",
                },
            ],
        },
        # Waiting for the chairman's approval; the template takes the signer of the plan above.
        "xa_training": {
            "issuer": {"organization": "xa_thap_muoi"},
            "kind": PlanKind.TRAINING,
            "drafter": "soanthao",
            "workflow": [("submit", "soanthao")],
        },
        # Issued by the head commune today, its registration list open to the member communes.
        "cluster_trip": {
            "issuer": {"cluster": "dong_thap_xa_1"},
            "kind": PlanKind.STUDY_TRIP,
            "drafter": "soanthao",
            "fields": {
                "date_month": today.month,
                "signer_title": "Cụm trưởng",
                "signer_position": "Chủ tịch UBND xã Tháp Mười",
                "signer_name": "Trần Thị Bình",
                "registration_deadline": deadline,
            },
            "groups": [
                {
                    "kind": GroupKind.PER_UNIT,
                    "description": "Mỗi xã, phường thành viên đăng ký",
                    "count": 2,
                    "units": [CLUSTER_HEAD, CLUSTER_DEPUTY, *CLUSTER_MEMBERS],
                },
            ],
            "activities": [
                {
                    "content": "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng",
                    "period_kind": PeriodKind.RANGE,
                    "start_date": trip_start,
                    "end_date": trip_start + datetime.timedelta(days=1),
                    "timing_text": "02 ngày",
                    "place": "Phường Mỹ Tho",
                },
            ],
            "workflow": [("submit", "soanthao"), ("approve", "pheduyet"), ("issue", "vanthu")],
        },
    }
