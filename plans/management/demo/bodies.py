"""Demo bodies, clusters, memberships and accounts, as plain data for `loader`.

Organisations are keyed (the plans and users name them by key) and listed parents first; the
bodies of today and the reorganisations that link them to these are in `today`.
"""

import datetime

from clusters.choices import ClusterKind, OrganizationLevel, StaffRole
from plans.management.demo import today

DEMO_PASSWORD = "demo"  # noqa: S105  (demo accounts only; loaddemo refuses to run without DEBUG)

# The district level was abolished on 1 July 2025; the district bodies below ended the day before.
DISTRICTS_ABOLISHED = datetime.date(2025, 6, 30)

DEMO_USERS = [
    # username, organisation key, role (None: the superuser, who needs no role). The bodies are
    # those of today (plans.management.demo.today); the seeds' drafter held his role before the
    # reform at the district (today.ROLES_BEFORE_REFORM).
    ("admin", None, None),
    ("soanthao", "vhxh_thap_muoi", StaffRole.DRAFTER),
    ("pheduyet", "xa_thap_muoi", StaffRole.APPROVER),
    ("vanthu", "xa_thap_muoi", StaffRole.CLERK),
    ("thanhvien", "xa_my_quy", StaffRole.MEMBER_STAFF),
    # Mỹ Quý drafts, signs and issues its own papers of the emulation year (its registration);
    # Lai Vung's staff scores its commune on the cluster's criteria table.
    ("soanthao_myquy", "xa_my_quy", StaffRole.DRAFTER),
    ("pheduyet_myquy", "xa_my_quy", StaffRole.APPROVER),
    ("vanthu_myquy", "xa_my_quy", StaffRole.CLERK),
    ("thanhvien_laivung", "xa_lai_vung", StaffRole.MEMBER_STAFF),
    ("giamsat", "dong_thap_2025", StaffRole.OVERSEER),
    ("quantri", "dong_thap_2025", StaffRole.OVERSEER),
    ("quantri", "dong_thap_2025", StaffRole.STAFF_ADMIN),  # the province's accounts and imports
    ("quantrixa", "xa_thap_muoi", StaffRole.STAFF_ADMIN),  # the commune's and its offices' accounts
]
# Provincial administrators: they sign in to the admin and manage bodies, clusters and staff.
PROVINCIAL_ADMINS = {"quantri"}
# What a provincial administrator may do in the admin (app label, model names).
PROVINCIAL_ADMIN_MODELS = (
    "clusters",
    ("organization", "cluster", "clustermembership", "staff", "succession"),
)


def _province(name: str) -> dict:
    return {
        "name": f"Ủy ban nhân dân tỉnh {name}",
        "short_name": f"UBND tỉnh {name}",
        "level": OrganizationLevel.PROVINCE,
        "header_name": f"ỦY BAN NHÂN DÂN TỈNH {name.upper()}",
        "abbreviation": "UBND",
        "place_name": name,
        "is_collective": True,
    }


def _district(name: str, province: str) -> dict:
    """A district UBND; `name` may be blank when the seed does not give it."""
    return {
        "name": f"Ủy ban nhân dân huyện {name}".strip(),
        "short_name": f"UBND huyện {name}".strip(),
        "level": OrganizationLevel.DISTRICT,
        "header_parent_line": f"UBND TỈNH {province.upper()}",
        "header_name": f"ỦY BAN NHÂN DÂN HUYỆN {name.upper()}".strip(),
        "abbreviation": "UBND",
        "place_name": name,
        "is_collective": True,
        "valid_to": DISTRICTS_ABOLISHED,
    }


def _home_affairs_office(district: str) -> dict:
    return {
        "name": f"Phòng Nội vụ huyện {district}",
        "level": OrganizationLevel.OFFICE,
        "header_parent_line": f"UBND HUYỆN {district.upper()}",
        "header_name": "PHÒNG NỘI VỤ",
        "abbreviation": "PNV",
        "place_name": district,
        "valid_to": DISTRICTS_ABOLISHED,
    }


DONG_THAP_DISTRICTS = {
    "thap_muoi": "Tháp Mười",
    "lai_vung": "Lai Vung",
    "cao_lanh": "Cao Lãnh",
    "chau_thanh": "Châu Thành",
}
CAO_BANG_DISTRICTS = {
    "ha_quang": "Hà Quảng",
    "nguyen_binh": "Nguyên Bình",
    "bao_lac": "Bảo Lạc",
    "bao_lam": "Bảo Lâm",
    "hoa_an": "Hòa An",
}


def _organization_rows() -> list[tuple[str, str | None, dict]]:
    rows = [
        ("dong_thap", None, _province("Đồng Tháp")),
        (
            "snv_dong_thap",
            "dong_thap",
            {
                "name": "Sở Nội vụ tỉnh Đồng Tháp",
                "level": OrganizationLevel.DEPARTMENT,
                "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
                "header_name": "SỞ NỘI VỤ",
                "abbreviation": "SNV",
                "place_name": "Đồng Tháp",
            },
        ),
        (
            "tdkt_dong_thap",
            "snv_dong_thap",
            {
                "name": "Phòng Thi đua - Khen thưởng",
                "level": OrganizationLevel.OFFICE,
                "header_parent_line": "SỞ NỘI VỤ TỈNH ĐỒNG THÁP",
                "header_name": "PHÒNG THI ĐUA - KHEN THƯỞNG",
                "abbreviation": "TĐKT",
                "place_name": "Đồng Tháp",
            },
        ),
        (
            "sldtbxh_dong_thap",
            "dong_thap",
            {
                "name": "Sở Lao động - Thương binh và Xã hội tỉnh Đồng Tháp",
                "level": OrganizationLevel.DEPARTMENT,
                "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
                "header_name": "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                "abbreviation": "SLĐTBXH",
                "place_name": "Đồng Tháp",
                # On 1 March 2025 the provincial labour departments were merged into Sở Nội vụ
                # (today.REORGANISATIONS).
            },
        ),
    ]
    for key, name in DONG_THAP_DISTRICTS.items():
        rows.append((key, "dong_thap", _district(name, "Đồng Tháp")))
        rows.append((f"pnv_{key}", key, _home_affairs_office(name)))

    rows.append(("cao_bang", None, _province("Cao Bằng")))
    rows.extend((key, "cao_bang", _district(name, "Cao Bằng")) for key, name in CAO_BANG_DISTRICTS.items())

    # Kiên Giang was merged into An Giang on 1 July 2025, with the district reform.
    rows.append(("kien_giang", None, {**_province("Kiên Giang"), "valid_to": DISTRICTS_ABOLISHED}))
    # Seed 002 never names its district, so neither do we: the name, header and place stay generic
    # (place name unknown, hence blank).
    rows.append(("huyen_kien_giang", "kien_giang", _district("", "Kiên Giang")))

    rows.append(("lang_son", None, _province("Lạng Sơn")))
    rows.append(("bac_son", "lang_son", _district("Bắc Sơn", "Lạng Sơn")))
    rows.append(
        (
            "tan_lap",
            "bac_son",
            {
                "name": "Ủy ban nhân dân xã Tân Lập",
                "short_name": "UBND xã Tân Lập",
                "level": OrganizationLevel.COMMUNE,
                "header_parent_line": "UBND HUYỆN BẮC SƠN",
                "header_name": "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",
                "abbreviation": "UBND",
                "place_name": "Tân Lập",
                "is_collective": True,
            },
        )
    )

    rows.append(("lao_cai", None, _province("Lào Cai")))
    rows.append(
        (
            "sgddt_lao_cai",
            "lao_cai",
            {
                "name": "Sở Giáo dục và Đào tạo tỉnh Lào Cai",
                "short_name": "Sở GD&ĐT tỉnh Lào Cai",
                "level": OrganizationLevel.DEPARTMENT,
                "header_parent_line": "UBND TỈNH LÀO CAI",
                "header_name": "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                "abbreviation": "SGD&ĐT",
                "place_name": "Lào Cai",
            },
        )
    )
    return rows


# (key, parent key, fields), parents before children.
ORGANIZATIONS = _organization_rows() + today.ORGANIZATIONS

# key: (name, organisation key, fields)
CLUSTERS = {
    "dong_thap_2": (
        "Cụm thi đua 2",
        "dong_thap",
        {
            "kind": ClusterKind.AREA,
            "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
            "header_name": "CỤM THI ĐUA 2",
            "abbreviation": "CTĐ",
            # A cluster of districts ended with them.
            "valid_to": DISTRICTS_ABOLISHED,
        },
    ),
    "cao_bang_mien_tay": (
        "Cụm giao ước thi đua các huyện miền Tây",
        "cao_bang",
        {
            "kind": ClusterKind.AREA,
            "short_name": "Cụm thi đua các huyện miền Tây",
            "header_parent_line": "UBND TỈNH CAO BẰNG",
            "header_name": "CỤM GIAO ƯỚC THI ĐUA CÁC HUYỆN MIỀN TÂY",
            "abbreviation": "CTĐ",
            "valid_to": DISTRICTS_ABOLISHED,
        },
    ),
}

MEMBERSHIPS = [
    # cluster key, year, head, other members
    ("dong_thap_2", 2024, "thap_muoi", ["lai_vung", "cao_lanh", "chau_thanh"]),
    ("cao_bang_mien_tay", 2022, "ha_quang", ["nguyen_binh", "bao_lac", "bao_lam", "hoa_an"]),
]
