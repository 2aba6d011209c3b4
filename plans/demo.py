"""Demo data: the five real seed plans, the bodies that issue them, and one account per role.

`load_demo()` is idempotent: organisations, clusters, memberships, users and roles are found by
their natural keys, and a plan is looked up by (issuer, subject, year) and left alone if it exists.
The texts are the seeds' own wording (tests/data/seeds/000.txt … 004.txt); only the artefacts of
the text files (markdown headings, table pipes, stray markers) are dropped.
"""

import datetime
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.db import transaction

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from clusters.choices import ClusterKind, MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from plans.choices import (
    ActivityNumbering,
    ClauseNumbering,
    LegalBasisForm,
    PlanKind,
    PlanStatus,
    SectionBlock,
    SignerAuthority,
)
from plans.models import Duty, LegalBasis, Plan, Recipient, Section

DEMO_PASSWORD = "demo"  # noqa: S105  (demo accounts only; loaddemo refuses to run without DEBUG)

# The district level was abolished on 1 July 2025; the district bodies below ended the day before.
DISTRICTS_ABOLISHED = datetime.date(2025, 6, 30)

DEMO_USERS = [
    # username, organisation key, role (None: the superuser, who needs no role)
    ("admin", None, None),
    ("soanthao", "pnv_thap_muoi", StaffRole.DRAFTER),
    ("pheduyet", "thap_muoi", StaffRole.APPROVER),
    ("vanthu", "thap_muoi", StaffRole.CLERK),
    ("thanhvien", "lai_vung", StaffRole.MEMBER_STAFF),
    ("giamsat", "dong_thap", StaffRole.OVERSEER),
]


@transaction.atomic
def load_demo() -> dict[str, Plan]:
    """Create (or find) the demo organisations, clusters, users and the five seed plans."""
    orgs = _load_organizations()
    clusters = _load_clusters(orgs)
    _load_users(orgs)
    bac_son_plan = _plan_bac_son_2024(orgs)
    return {
        "000": _plan_000(orgs, clusters),
        "001": _plan_001(orgs, clusters),
        "002": _plan_002(orgs),
        "003": _plan_003(orgs, bac_son_plan),
        "004": _plan_004(orgs),
    }


def _lines(*lines: str) -> str:
    """Light markup: one paragraph (or bullet) per line."""
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Organisations, clusters, users
# ---------------------------------------------------------------------------


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
    """(key, parent key, fields), parents before children."""
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
                # On 1 March 2025 the provincial labour departments were merged into Sở Nội vụ.
                "valid_to": datetime.date(2025, 2, 28),
                "successor": "snv_dong_thap",
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


def _load_organizations() -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for key, parent_key, fields in _organization_rows():
        fields = dict(fields)
        name = fields.pop("name")
        successor_key = fields.pop("successor", None)
        if successor_key:
            fields["successor"] = orgs[successor_key]
        orgs[key], _ = Organization.objects.update_or_create(
            name=name, parent=orgs[parent_key] if parent_key else None, defaults=fields
        )
    return orgs


def _load_clusters(orgs: dict[str, Organization]) -> dict[str, Cluster]:
    clusters = {}
    clusters["dong_thap_2"], _ = Cluster.objects.update_or_create(
        name="Cụm thi đua 2",
        organization=orgs["dong_thap"],
        defaults={
            "kind": ClusterKind.AREA,
            "header_parent_line": "UBND TỈNH ĐỒNG THÁP",
            "header_name": "CỤM THI ĐUA 2",
            "abbreviation": "CTĐ",
            # A cluster of districts ended with them.
            "valid_to": DISTRICTS_ABOLISHED,
        },
    )
    clusters["cao_bang_mien_tay"], _ = Cluster.objects.update_or_create(
        name="Cụm giao ước thi đua các huyện miền Tây",
        organization=orgs["cao_bang"],
        defaults={
            "kind": ClusterKind.AREA,
            "short_name": "Cụm thi đua các huyện miền Tây",
            "header_parent_line": "UBND TỈNH CAO BẰNG",
            "header_name": "CỤM GIAO ƯỚC THI ĐUA CÁC HUYỆN MIỀN TÂY",
            "abbreviation": "CTĐ",
            "valid_to": DISTRICTS_ABOLISHED,
        },
    )
    memberships = [
        # cluster key, year, head, other members
        ("dong_thap_2", 2024, "thap_muoi", ["lai_vung", "cao_lanh", "chau_thanh"]),
        ("cao_bang_mien_tay", 2022, "ha_quang", ["nguyen_binh", "bao_lac", "bao_lam", "hoa_an"]),
    ]
    for cluster_key, year, head, members in memberships:
        for org_key in [head, *members]:
            ClusterMembership.objects.update_or_create(
                cluster=clusters[cluster_key],
                organization=orgs[org_key],
                year=year,
                defaults={"role": MembershipRole.HEAD if org_key == head else MembershipRole.MEMBER},
            )
    return clusters


def _load_users(orgs: dict[str, Organization]) -> None:
    """One account per role; a password is set only when the account is created."""
    user_model = get_user_model()
    for username, org_key, role in DEMO_USERS:
        is_admin = role is None
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"is_staff": is_admin, "is_superuser": is_admin, "email": f"{username}@demo.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role is not None:
            Staff.objects.get_or_create(user=user, organization=orgs[org_key], role=role)


# ---------------------------------------------------------------------------
# Building a plan from literals
# ---------------------------------------------------------------------------


def _build_plan(
    *,
    issuer: Organization | Cluster,
    fields: dict,
    bases: Sequence[dict] = (),
    sections: Sequence[dict] = (),
    duties: Sequence[dict] = (),
    recipients: Sequence[str | tuple[str, Organization]] = (),
    activities: Sequence[dict] = (),
    groups: Sequence[dict] = (),
    sessions: Sequence[dict] = (),
) -> Plan:
    issuer_field = "cluster" if isinstance(issuer, Cluster) else "organization"
    existing = Plan.objects.filter(
        **{issuer_field: issuer}, subject=fields["subject"], year=fields["year"]
    ).first()
    if existing is not None:
        return existing

    plan = _saved(Plan(**{issuer_field: issuer}, **fields))
    for order, basis in enumerate(bases, start=1):
        _saved(LegalBasis(plan=plan, order=order, **basis))
    _save_sections(plan, sections, parent=None)
    for order, duty in enumerate(duties, start=1):
        duty = dict(duty)
        organizations = duty.pop("organizations", ())
        _saved(Duty(plan=plan, order=order, **duty)).organizations.set(organizations)
    for order, recipient in enumerate(recipients, start=1):
        text, organization = recipient if isinstance(recipient, tuple) else (recipient, None)
        _saved(Recipient(plan=plan, order=order, text=text, organization=organization))
    for order, activity in enumerate(activities, start=1):
        _saved(Activity(plan=plan, order=order, **activity))
    placed_groups = [(None, group) for group in groups]
    for order, session_fields in enumerate(sessions, start=1):
        session_fields = dict(session_fields)
        session_groups = session_fields.pop("groups")
        session = _saved(Session(plan=plan, order=order, **session_fields))
        placed_groups.extend((session, group) for group in session_groups)
    # A group's order is unique across the whole plan, sessions included.
    for order, (session, group) in enumerate(placed_groups, start=1):
        _save_group(plan, group, order=order, session=session)
    return plan


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def _save_sections(plan: Plan, sections: Sequence[dict], parent: Section | None) -> None:
    for order, section in enumerate(sections, start=1):
        section = dict(section)
        children = section.pop("children", ())
        saved = _saved(Section(plan=plan, parent=parent, order=order, **section))
        _save_sections(plan, children, parent=saved)


def _save_group(plan: Plan, group: dict, *, order: int, session: Session | None) -> None:
    group = dict(group)
    units = group.pop("units", ())
    breakdown = group.pop("breakdown", ())
    saved = _saved(ParticipantGroup(plan=plan, session=session, order=order, **group))
    saved.units.set(units)
    for part_order, (count, description) in enumerate(breakdown, start=1):
        _saved(ParticipantBreakdown(group=saved, order=part_order, count=count, description=description))


# ---------------------------------------------------------------------------
# The plans
# ---------------------------------------------------------------------------


def _plan_000(orgs: dict[str, Organization], clusters: dict[str, Cluster]) -> Plan:
    """Seed 000: study trip of Cụm thi đua 2, tỉnh Đồng Tháp (2024)."""
    districts = [orgs[key] for key in DONG_THAP_DISTRICTS]
    return _build_plan(
        issuer=clusters["dong_thap_2"],
        fields={
            "kind": PlanKind.STUDY_TRIP,
            "year": 2024,
            "subject": (
                "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm 2024 "
                "của Cụm thi đua 2, tỉnh Đồng Tháp"
            ),
            "date_month": 7,
            "date_year": 2024,
            "preamble": (
                "Nhằm giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng, Cụm thi đua 2, "
                "tỉnh Đồng Tháp xây dựng Kế hoạch giao lưu, học tập kinh nghiệm như sau:"
            ),
            "closing": (
                "Trên đây là Kế hoạch giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng "
                "năm 2024 của Cụm thi đua 2, tỉnh Đồng Tháp"
            ),
            "signer_title": "CỤM TRƯỞNG",
            "signer_position": "CHỦ TỊCH UBND HUYỆN",
            "signer_name": "Đoàn Thanh Bình",
            "archive_note": "VT, NCNV",
            "budget_source": "Chi từ nguồn quỹ đóng góp của các huyện trong Cụm thi đua 2 năm 2024",
            "budget_payer": orgs["pnv_thap_muoi"],
            "budget_payer_duty": (
                "(đơn vị Cụm trưởng) thanh toán các chi phí ăn, nghỉ, phương tiện trong quá trình công tác"
            ),
            "registration_deadline": datetime.date(2024, 8, 8),
        },
        sections=[
            {
                "heading": "Mục đích, yêu cầu",
                "body": _lines(
                    "- Tăng cường mối quan hệ, đoàn kết với các đơn vị trong và ngoài tỉnh để học tập, "
                    "trao đổi kinh nghiệm về công tác thi đua, khen thưởng.",
                    "- Thông qua giao lưu, chia sẻ kinh nghiệm nhằm nâng cao chất lượng và trình độ chuyên "
                    "môn về công tác thi đua, khen thưởng của các địa phương.",
                ),
            },
            {
                "heading": "Thời gian, địa điểm, thành phần, phương tiện",
                "body": _lines(
                    "- Thời gian: 04 ngày, từ ngày 31/8/2024 đến ngày 03/9/2024.",
                    "- Địa điểm: Tại các tỉnh Quảng Trị - Quảng Bình - Thừa Thiên Huế.",
                ),
                # "Số lượng, thành phần: 19 người." is printed from the groups' computed total.
                "block": SectionBlock.PARTICIPANTS,
                # The transport line follows the participants; an unnumbered sub-section keeps it there.
                "children": [{"body": "- Phương tiện: Thuê phương tiện đi và về (xe và máy bay)."}],
            },
            {
                "heading": "Nội dung giao lưu",
                "body": (
                    "Trao đổi, chia sẻ kinh nghiệm về công tác thi đua, khen thưởng; các mô hình, điển hình "
                    "tiên tiến trên nhiều lĩnh vực."
                ),
            },
            {"heading": "Kinh phí", "block": SectionBlock.BUDGET},
            {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES},
        ],
        groups=[
            {
                "kind": GroupKind.NAMED,
                "honorific": "Ông",
                "full_name": "Phan Hữu Phước",
                "position": "Giám đốc Sở Nội vụ tỉnh",
            },
            {
                "kind": GroupKind.NAMED,
                "honorific": "Ông",
                "full_name": "Phạm Việt Công",
                "position": (
                    "Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh, Ủy viên Hội đồng thi đua, "
                    "khen thưởng tỉnh phụ trách Cụm thi đua 2"
                ),
            },
            {
                "kind": GroupKind.FIXED,
                "description": "Mời lãnh đạo Phòng Thi đua - Khen thưởng, Sở Nội vụ",
                "count": 1,
            },
            {"kind": GroupKind.PER_UNIT, "description": "Mỗi huyện đăng ký", "count": 4, "units": districts},
        ],
        activities=[
            # The trip itself, for calendars and registration; section II prints its own wording.
            {
                "content": (
                    "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng tại các tỉnh "
                    "Quảng Trị - Quảng Bình - Thừa Thiên Huế"
                ),
                "period_kind": PeriodKind.RANGE,
                "start_date": datetime.date(2024, 8, 31),
                "end_date": datetime.date(2024, 9, 3),
                "timing_text": "04 ngày",
                "place": "Các tỉnh Quảng Trị - Quảng Bình - Thừa Thiên Huế",
            },
        ],
        duties=[
            {
                "title": "Phòng Nội vụ huyện Tháp Mười (Cụm trưởng)",
                "body": _lines(
                    "- Phối hợp, trao đổi với Phòng Thi đua - Khen thưởng, Sở Nội vụ liên hệ với Ban Thi "
                    "đua, Khen thưởng các tỉnh Quảng Trị - Quảng Bình - Thừa Thiên Huế, hỗ trợ kế hoạch "
                    "giao lưu.",
                    "- Tham mưu mời Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh, Giám đốc Sở Nội vụ "
                    "tỉnh và đại diện lãnh đạo Phòng Thi đua - Khen thưởng tỉnh, đồng thời thông báo các "
                    "thành viên lịch trình đi của Đoàn.",
                    "- Tổng hợp các nguồn chi, công khai trong Cụm; lấy ý kiến thống nhất trong Cụm khi có "
                    "chi phí phát sinh (nếu có).",
                ),
                "organizations": [orgs["pnv_thap_muoi"]],
            },
            {
                "title": "Phòng Nội vụ các huyện (Lai Vung, Cao Lãnh và Châu Thành)",
                "body": (
                    "Tham mưu Ủy ban nhân dân huyện thực hiện đúng theo Kế hoạch. Đăng ký danh sách cá nhân "
                    "tham gia gửi về đơn vị Cụm trưởng **chậm nhất trong ngày 08/8/2024** (gồm: họ và tên, "
                    "chức vụ, số điện thoại, căn cước công dân, ngày cấp, nơi cấp, ghi chú)."
                ),
                "organizations": [orgs["pnv_lai_vung"], orgs["pnv_cao_lanh"], orgs["pnv_chau_thanh"]],
            },
        ],
        recipients=[
            ("Sở Nội vụ (Phòng TĐ-KT)", orgs["snv_dong_thap"]),
            "UBND các huyện: Lai Vung, Cao Lãnh, Châu Thành",
            "CT, các PCT.UBND huyện",
            "Phòng Nội vụ các huyện: Tháp Mười, Lai Vung, Cao Lãnh, Châu Thành",
            "LĐVP.HĐND&UBND huyện",
        ],
    )


def _plan_001(orgs: dict[str, Organization], clusters: dict[str, Cluster]) -> Plan:
    """Seed 001: annual plan of Cụm giao ước thi đua các huyện miền Tây, tỉnh Cao Bằng (2022)."""
    in_cluster = "Các đơn vị trong Cụm thi đua"
    head = "Trưởng Cụm thi đua"
    return _build_plan(
        issuer=clusters["cao_bang_mien_tay"],
        fields={
            "kind": PlanKind.ANNUAL,
            "year": 2022,
            "subject": "Triển khai thực hiện công tác Thi đua, khen thưởng năm 2022",
            "date_month": 4,
            "date_year": 2022,
            "preamble": (
                "Trưởng Cụm giao ước thi đua các huyện miền Tây, tỉnh Cao Bằng xây dựng kế hoạch triển khai "
                "thực hiện một số nhiệm vụ trọng tâm về công tác Thi đua, khen thưởng năm 2022 như sau:"
            ),
            "closing": (
                "Trên đây là kế hoạch hoạt động của Cụm thi đua các huyện miền Tây trong năm 2022, đề nghị "
                "các đơn vị thành viên chủ động phối hợp thực hiện"
            ),
            "activity_numbering": ActivityNumbering.PER_QUARTER,
            "signer_on_behalf_of": "CỤM THI ĐUA",
            "signer_title": "TRƯỞNG CỤM",
            "signer_position": "CHỦ TỊCH UBND HUYỆN HÀ QUẢNG",
            "signer_name": "Phạm Xuân Tùng",
            "archive_note": "VT, Trưởng Cụm (Thương, Hằng, Bắc)",
        },
        bases=[
            {
                "text": (
                    "Luật thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của "
                    "Luật Thi đua, Khen thưởng ngày 14/6/2005; Luật sửa đổi, bổ sung một số điều của Luật "
                    "Thi đua, khen thưởng năm 2013"
                ),
            },
            {
                "text": (
                    "Đề án số 1308/ĐA-UBND ngày 11 tháng 5 năm 2018 của Ủy ban nhân dân tỉnh Cao Bằng về Đổi "
                    "mới và nâng cao chất lượng hoạt động khối cụm thi đua thuộc tỉnh Cao Bằng"
                ),
            },
            {
                "text": (
                    "Quyết định số 598/QĐ-UBND ngày 25 tháng 5 năm 2018 của Ủy ban nhân dân tỉnh Cao Bằng về "
                    "ban hành Quy chế tổ chức và hoạt động của khối, cụm thi đua trên địa bàn tỉnh Cao Bằng"
                ),
            },
            {
                "text": (
                    "Chỉ thị số 02/CT-UBND ngày 28/01/2022 của Ủy ban nhân dân tỉnh Cao Bằng về việc phát "
                    "động phong trào thi đua năm 2022"
                ),
            },
            {"text": "Quy chế tổ chức và hoạt động của Cụm giao ước thi đua các huyện miền Tây năm 2022"},
        ],
        # The seed has no headings: its table and its closing paragraphs are unnumbered sections.
        sections=[
            {"block": SectionBlock.ACTIVITIES},
            {
                "body": _lines(
                    "Các đơn vị trong Cụm thi đua căn cứ nội dung công việc trong kế hoạch chủ động thực "
                    "hiện và thực hiện chế độ báo cáo, cung cấp tài liệu, văn bản cho đơn vị Trưởng Cụm kịp "
                    "thời.",
                    "Trưởng Cụm, Phó Trưởng Cụm thi đua điều hành và giải quyết các công việc của Cụm thi "
                    "đua, chuẩn bị các điều kiện về cơ sở, vật chất, hậu cần kỹ thuật cho các hoạt động "
                    "chung của Cụm.",
                ),
            },
        ],
        activities=[
            {
                "content": (
                    "Tổ chức tổng kết đánh giá kết quả hoạt động của Cụm thi đua năm 2021 và triển khai "
                    "nhiệm vụ 2022"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": in_cluster,
            },
            {
                "content": (
                    "Phát động phong trào thi đua phấn đấu hoàn thành nhiệm vụ kinh tế - xã hội năm 2022 và "
                    "các phong trào chuyên đề khác"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": in_cluster,
            },
            {
                "content": "Chỉ đạo các đơn vị cơ sở tổ chức triển khai các phong trào thi đua",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": in_cluster,
            },
            {
                "content": (
                    "Ban hành Quy chế hoạt động của Cụm thi đua; Kế hoạch thực hiện công tác Thi đua, khen "
                    "thưởng của Cụm thi đua; Bảng tiêu chí chấm điểm thi đua; Quyết định kiện toàn Tổ giúp "
                    "việc cho Cụm thi đua"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": _lines("Trưởng Cụm", in_cluster),
            },
            {
                "content": "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": in_cluster,
            },
            {
                "content": "Tổ chức hội nghị sơ kết 6 tháng đầu năm",
                "period_kind": PeriodKind.MONTH,
                "month": 7,
                "timing_text": "đầu tháng 7/2022",
                "implementers_text": in_cluster,
            },
            {
                "content": (
                    "Kiểm tra công tác thi đua khen thưởng các đơn vị thành viên trong Cụm thi đua (đơn vị "
                    "được kiểm tra: huyện Hòa An, Nguyên Bình)"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 3,
                "implementers_text": in_cluster,
                # The seed prints the parenthesis in italics; `place` is plain text.
                "place": "huyện Hòa An (Kết hợp tại Hội nghị Sơ kết 6 tháng đầu năm của Cụm thi đua)",
            },
            {
                "content": "Hướng dẫn các đơn vị tổng kết công tác thi đua khen thưởng 2022",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": head,
            },
            {
                "content": "Tổng hợp báo cáo đánh giá kết quả hoạt động của Cụm thi đua",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": head,
            },
            {
                "content": "Thực hiện các nhiệm vụ chuyên môn khác theo quy định",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": _lines("Đơn vị Trưởng Cụm", "Các đơn vị thành viên trong Cụm"),
            },
        ],
        recipients=[
            "UBND các huyện Nguyên Bình, Bảo Lạc, Bảo Lâm, Hòa An",
            "Ban TĐKT, Sở Nội vụ",
        ],
    )


def _plan_002(orgs: dict[str, Organization]) -> Plan:
    """Seed 002: training plan of a district of tỉnh Kiên Giang (2024), two classes."""
    return _build_plan(
        issuer=orgs["huyen_kien_giang"],
        fields={
            "kind": PlanKind.TRAINING,
            "year": 2024,
            "subject": "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024",
            # The seed has no place and date line: month unknown.
            "date_year": 2024,
            "preamble": (
                "Để công tác thi đua, khen thưởng trên địa bàn huyện hoạt động hiệu quả, đảm bảo đúng quy "
                "định của pháp luật; việc xét khen thưởng chính xác, kịp thời, đúng người, đúng thành tích, "
                "đồng thời nâng lên kỹ năng, nghiệp vụ về công tác thi đua, khen thưởng; Ủy ban nhân dân "
                "(UBND) huyện ban hành Kế hoạch tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng "
                "năm 2024, với các nội dung cụ thể như sau:"
            ),
            "closing": (
                "Trên đây là Kế hoạch tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024 của Ủy ban "
                "nhân dân huyện. Đề nghị các cơ quan, đơn vị tổ chức thực hiện tốt"
            ),
            "signer_authority": SignerAuthority.KT,
            "signer_authority_of": "CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Huỳnh Ngọc Nguyên",
            "archive_note": "VT, ltetham",
            "budget_source": "Kinh phí thực hiện trích từ nguồn thi đua, khen thưởng huyện theo quy định",
        },
        bases=[
            {
                "form": LegalBasisForm.IMPLEMENTING,
                "text": (
                    "phương hướng, nhiệm vụ công tác trọng tâm về thi đua, khen thưởng năm 2024 của Ủy ban "
                    "nhân dân huyện"
                ),
            },
        ],
        sections=[
            {
                "heading": "Mục đích, yêu cầu",
                "body": _lines(
                    "- Cập nhật, bổ sung những quy định mới và nghiệp vụ công tác thi đua, khen thưởng cho "
                    "đội ngũ cán bộ, công chức, viên chức phụ trách thi đua, khen thưởng các phòng, ban, "
                    "ngành, đoàn thể cấp huyện, các xã, thị trấn và các đơn vị sự nghiệp giáo dục thuộc "
                    "huyện, giúp cán bộ, công chức, viên chức nắm vững kiến thức, nội dung cơ bản về công "
                    "tác thi đua, khen thưởng, qua đó vận dụng, tổ chức thực hiện tại cơ quan, đơn vị, góp "
                    "phần nâng lên chất lượng tham mưu, tổ chức thực hiện và quản lý nhà nước về công tác "
                    "thi đua, khen thưởng.",
                    "- Kịp thời hướng dẫn các cơ quan, đơn vị tổ chức thực hiện các chủ trương, đường lối "
                    "của Đảng, chính sách pháp luật của Nhà nước về công tác thi đua, khen thưởng.",
                    "- Tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng phải đảm bảo có nội dung "
                    "thiết thực, trọng tâm, hiệu quả, tiết kiệm.",
                ),
            },
            {
                "heading": "Nội dung, đối tượng",
                "children": [
                    {
                        "heading": "Nội dung",
                        "body": _lines(
                            "- Luật Thi đua, khen thưởng được Quốc hội thông qua ngày 15/6/2022 (có hiệu "
                            "lực từ ngày 01/01/2024); Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính "
                            "phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và "
                            "các văn bản hướng dẫn thi hành Luật; Nghị định số 28/2024/NĐ-CP ngày 06/3/2024 "
                            "của Chính phủ quy định chi tiết trình tự, thủ tục xét tặng, truy tặng “Huy "
                            "chương Thanh niên xung phong vẻ vang” và việc khen thưởng tổng kết thành tích "
                            "kháng chiến.",
                            "- Các văn bản chỉ đạo, hướng dẫn thực hiện của UBND tỉnh và Hội đồng Thi đua - "
                            "Khen thưởng tỉnh.",
                            "- Quy định về tổ chức hoạt động, bình xét thi đua và chia Cụm, Khối thi đua "
                            "trên địa bàn tỉnh Kiên Giang.",
                            "- Một số nghiệp vụ cơ bản về:",
                            "+ Xây dựng kế hoạch phát động phong trào thi đua.",
                            "+ Xây dựng kế hoạch phát hiện, bồi dưỡng, tuyên truyền và nhân rộng điển hình "
                            "tiên tiến.",
                            "+ Hướng dẫn viết báo cáo thành tích.",
                            "+ Hướng dẫn tự chấm điểm các nội dung thi đua kèm theo tài liệu kiểm chứng được "
                            "nêu trong quy định về tổ chức hoạt động, bình xét thi đua và chia Cụm, Khối thi "
                            "đua trên địa bàn huyện.",
                            "+ Trao đổi, thảo luận, giải trình một số khó khăn, vướng mắc của các đơn vị.",
                            "+ Giới thiệu, trao đổi các mô hình tiêu biểu, gương điển hình trong các phong "
                            "trào thi đua yêu nước.",
                            "",
                            # A literal asterisk (escaped in the markup) opens the note, as in the seed.
                            "\\* **Lưu ý:** Căn cứ vào thành phần tham gia tập huấn của các lớp, Ban Tổ chức "
                            "sắp xếp nội dung tập huấn phù hợp với chức năng, nhiệm vụ của cơ quan, đơn vị.",
                        ),
                    },
                    {
                        "heading": "Đối tượng",
                        "body": (
                            "Đại diện Lãnh đạo và cán bộ, công chức, viên chức làm công tác thi đua, khen "
                            "thưởng các phòng, ban, ngành, đoàn thể cấp huyện; các xã, thị trấn và các đơn "
                            "vị sự nghiệp giáo dục thuộc huyện."
                        ),
                    },
                ],
            },
            {"heading": "Thành phần, thời gian", "block": SectionBlock.SESSIONS},
            {"heading": "Kinh phí thực hiện", "block": SectionBlock.BUDGET},
            {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES},
        ],
        sessions=[
            {
                "name": "Lớp thứ nhất",
                "duration": "01 ngày",
                "timing_text": "dự kiến trong quý II năm 2024",
                # The class is counted only as a whole (70), so it is one group whose description
                # holds the seed's bullets.
                "groups": [
                    {
                        "kind": GroupKind.FIXED,
                        "description": _lines(
                            "- Đại diện Lãnh đạo và cán bộ, công chức, viên chức phụ trách công tác thi đua, "
                            "khen thưởng các đơn vị thuộc ban Đảng Huyện ủy; Ủy ban MTTQ Việt Nam huyện; các "
                            "đoàn thể huyện; các phòng, ban thuộc khối Nhà nước; Nhà Thiếu nhi; Hội Chữ thập "
                            "đỏ huyện.",
                            # Sic: the seed writes "Văn phòng - Thông kê" (for "Thống kê").
                            "- Chủ tịch hoặc Phó Chủ tịch UBND và công chức Văn phòng - Thông kê các xã, "
                            "thị trấn.",
                        ),
                        "count": 70,
                    },
                ],
            },
            {
                "name": "Lớp thứ hai",
                "duration": "01 ngày",
                "timing_text": "dự kiến trong quý II năm 2024",
                "groups": [
                    {
                        "kind": GroupKind.FIXED,
                        "description": (
                            "Đại diện Ban Giám hiệu và viên chức phụ trách công tác thi đua, khen thưởng của "
                            "30 đơn vị Trường trên địa bàn huyện."
                        ),
                        "count": 60,
                    },
                ],
            },
        ],
        duties=[
            {
                "title": "Phòng Nội vụ (cơ quan thường trực Hội đồng Thi đua – Khen thưởng huyện)",
                "body": _lines(
                    "- Chủ trì, tham mưu UBND huyện chuẩn bị nội dung, chương trình, tài liệu; mời báo cáo "
                    "viên triển khai các nội dung liên quan và tổ chức thực hiện đảm bảo theo yêu cầu kế "
                    "hoạch đề ra.",
                    "- Dự toán kinh phí tổ chức Hội nghị tập huấn gửi Phòng Tài chính-Kế hoạch thẩm định và "
                    "thực hiện việc thanh quyết toán kinh phí theo quy định.",
                ),
            },
            {
                "title": "Các cơ quan, đơn vị, xã, thị trấn",
                "body": (
                    "Cử cán bộ, công chức, viên chức tham dự lớp tập huấn đầy đủ, đúng đối tượng, thành phần "
                    "và thời gian theo Kế hoạch."
                ),
            },
        ],
        recipients=[
            "Ban TĐKT tỉnh",
            "CT, các PCT. UBND huyện",
            "Phòng, ban, ngành, đoàn thể cấp huyện",
            "UBND các xã, thị trấn",
            "LĐVP, CVNC",
        ],
    )


def _plan_bac_son_2024(orgs: dict[str, Organization]) -> Plan:
    """The district plan that seed 003 implements; only its citation is known, so it has no body."""
    return _build_plan(
        issuer=orgs["bac_son"],
        fields={
            "kind": PlanKind.ANNUAL,
            "year": 2024,
            "subject": "Công tác thi đua, khen thưởng năm 2024",
            "status": PlanStatus.ISSUED,
            "number": 3,
            "date_day": 9,
            "date_month": 1,
            "date_year": 2024,
        },
    )


def _plan_003(orgs: dict[str, Organization], district_plan: Plan) -> Plan:
    """Seed 003: annual plan of UBND xã Tân Lập, huyện Bắc Sơn (2024)."""
    commune = "UBND xã"
    return _build_plan(
        issuer=orgs["tan_lap"],
        fields={
            "kind": PlanKind.ANNUAL,
            "year": 2024,
            "subject": "Công tác thi đua, khen thưởng năm 2024",
            "date_month": 1,
            "date_year": 2024,
            "preamble": (
                "UBND xã Tân Lập xây dựng kế hoạch công tác thi đua, khen thưởng năm 2024 (gọi tắt là Kế "
                "hoạch), cụ thể như sau:"
            ),
            "closing": (
                "Trên đây là Kế hoạch về công tác thi đua, khen thưởng năm 2024, UBND xã đề nghị các đoàn "
                "thể và các đơn vị, các thôn nghiêm túc thực hiện có hiệu quả kế hoạch này"
            ),
            "activity_numbering": ActivityNumbering.CONTINUOUS,
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Dương Doãn Hùng",
            "archive_note": "VP",
        },
        bases=[
            {"text": "Luật Thi đua, khen thưởng ngày 15/6/2022 và các văn bản hướng dẫn thi hành"},
            {
                # Linked to the district's plan, and kept word for word so that it prints as written.
                "text": (
                    "Kế hoạch số 03/KH-UBND ngày 9/01/2024 của UBND huyện Bắc Sơn về công tác thi đua, khen "
                    "thưởng năm 2024"
                ),
                "referenced_plan": district_plan,
            },
        ],
        sections=[
            {
                "heading": "Mục đích, yêu cầu",
                "children": [
                    {
                        "heading": "Mục đích",
                        "body": _lines(
                            "Tiếp tục đẩy mạnh các phong trào thi đua, thiết thực lập thành tích chào mừng "
                            "các ngày lễ, kỷ niệm, các sự kiện chính trị, văn hóa trong năm 2024; phát huy "
                            "tinh thần đoàn kết, đồng lòng, quyết tâm khắc phục khó khăn để thực hiện thắng "
                            "lợi các mục tiêu, nhiệm vụ, kế hoạch phát triển kinh tế - xã hội năm 2024.",
                            "Nâng cao chất lượng, hiệu quả các phong trào thi đua; thực hiện tốt công tác "
                            "khen thưởng; các nội dung quản lý nhà nước về công tác thi đua, khen thưởng "
                            "(TĐKT) trên địa bàn xã.",
                        ),
                    },
                    {
                        "heading": "Yêu cầu",
                        "body": (
                            "Tổ chức, triển khai các phong trào thi đua đảm bảo thiết thực, chất lượng và "
                            "hiệu quả; có sức lan tỏa trong mọi tầng lớp Nhân dân và thu hút được nhiều "
                            "thành phần trong xã hội tham gia; công tác khen thưởng bảo đảm chính xác, công "
                            "khai, minh bạch, kịp thời, đúng thành tích, đúng đối tượng và có tác dụng nêu "
                            "gương."
                        ),
                    },
                ],
            },
            {"heading": "Nội dung", "block": SectionBlock.ACTIVITIES},
            {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES},
        ],
        activities=[
            {
                "content": (
                    "Phát động phong trào thi đua phấn đấu hoàn thành thắng lợi các mục tiêu, nhiệm vụ, kế "
                    "hoạch phát triển kinh tế - xã hội năm 2024"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": _lines(
                    commune, "Các đơn vị trường học, Trạm y tế, công an xã", "Các thôn"
                ),
            },
            {
                "content": (
                    "Tổ chức Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 và triển "
                    "khai nhiệm vụ năm 2024"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": _lines(commune, "Hội đồng TĐKT xã"),
            },
            {
                "content": (
                    "Tham gia Hội nghị tổng kết công tác TĐKT năm 2023, triển khai nhiệm vụ năm 2024 cụm thi "
                    "đua các xã"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": commune,
            },
            {
                "content": (
                    "Phát động phong trào thi đua lập thành tích chào mừng kỷ niệm 84 năm ngày khởi nghĩa "
                    "Bắc Sơn (27/9/1940 - 27/9/2024)"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": commune,
            },
            {
                "content": (
                    "Ban hành kế hoạch thực hiện phong trào thi đua kỷ niệm 115 ngày sinh đồng chí Hoàng Văn "
                    "Thụ gắn với chào mừng kỷ niệm 70 năm Chiến thắng Điện Biên Phủ; 80 năm Ngày thành lập "
                    "QĐND Việt Nam và 35 năm Ngày hội Quốc phòng toàn dân"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": commune,
            },
            {
                "content": "Sơ kết công tác TĐKT 6 tháng đầu năm 2024",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": "Hội đồng TĐKT xã",
            },
            {
                "content": "Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm 2024",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": commune,
            },
            {
                "content": "Tham gia lớp bồi dưỡng nghiệp vụ công tác TĐKT năm 2024",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 3,
                "implementers_text": "Theo kế hoạch UBND huyện",
            },
            {
                "content": "Tổng kết phong trào thi đua, công tác khen thưởng năm 2024",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": commune,
            },
            {
                "content": "Ban hành Kế hoạch công tác TĐKT năm 2025",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": commune,
            },
        ],
        # Each duty is one sentence with no unit title.
        duties=[
            {
                "body": (
                    "Các tổ đoàn thể xã, các đơn vị trường học, trạm y tế, các thôn chủ động xây dựng Kế "
                    "hoạch công tác thi đua, khen thưởng năm 2024."
                ),
            },
            {
                "body": (
                    "Công chức Văn hóa – Xã hội tăng cường công tác tuyên truyền Luật thi đua, khen thưởng, "
                    "tình hình tổ chức, phong trào thi đua của các cấp, các đơn vị, tạo không khí thi đua "
                    "sôi nổi, phấn khởi, là động lực thúc đẩy lao động, sản xuất, công tác, lập thành tích "
                    "chào mừng kỷ niệm các ngày lễ lớn của địa phương và đất nước."
                ),
            },
            {
                "body": (
                    "Giao Công chức Văn phòng – Thống kê (phụ trách công tác TĐKT) theo dõi, đôn đốc các "
                    "đơn vị thực hiện kế hoạch, định kỳ báo cáo UBND xã, Hội đồng Thi đua - Khen thưởng xã "
                    "để tổng hợp báo cáo UBND huyện, Hội đồng TĐKT huyện theo quy định."
                ),
            },
        ],
        recipients=[
            "Phòng Nội vụ huyện",
            "TT ĐU, TTHĐND xã",
            "CTUBND, PCTUBND xã",
            "UB MTTQ VN xã, các đoàn thể",
            "Cán bộ, công chức xã",
            "Các đơn vị trường học, Trạm y tế xã",
            "Các thôn",
        ],
    )


def _plan_004(orgs: dict[str, Organization]) -> Plan:
    """Seed 004: propaganda event of Sở GD&ĐT tỉnh Lào Cai (2022)."""
    place = "Phòng họp số 1, Trung tâm Hội nghị tỉnh Lào Cai, đường 30/4, phường Nam Cường, TP Lào Cai"
    return _build_plan(
        issuer=orgs["sgddt_lao_cai"],
        fields={
            "kind": PlanKind.PROPAGANDA,
            "year": 2022,
            "subject": "Tổ chức tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022",
            "date_month": 4,
            "date_year": 2022,
            # In the seed this follows the basis in the same sentence: "Thực hiện …, Sở GD&ĐT xây dựng …".
            "preamble": (
                "Sở GD&ĐT xây dựng Kế hoạch tổ chức tuyên truyền về đổi mới công tác thi đua khen thưởng năm "
                "2022 như sau:"
            ),
            "closing": (
                "Sở GD&ĐT yêu cầu Trưởng phòng GD&ĐT, Giám đốc Trung tâm GDNN&GDTX các huyện, thành phố, "
                "thị xã; Hiệu trưởng trường THPT, Giám đốc Trung tâm KTTH-HNDN&GDTX tỉnh, Trưởng các phòng "
                "thuộc Sở GD&ĐT triển khai thực hiện. Nếu có vướng mắc, đề nghị báo cáo Sở GD&ĐT (Văn "
                "phòng) để giải quyết"
            ),
            "clause_numbering": ClauseNumbering.DECIMAL,
            "signer_authority": SignerAuthority.KT,
            "signer_authority_of": "GIÁM ĐỐC",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "signer_name": "Nguyễn Thế Dũng",
            "archive_note": "VT, VP",
            "budget_source": (
                "Kinh phí ăn, nghỉ, đi lại của cán bộ, giáo viên tham dự buổi tuyên truyền thực hiện theo "
                "chế độ tài chính hiện hành"
            ),
        },
        bases=[
            {
                "form": LegalBasisForm.IMPLEMENTING,
                "text": (
                    "Kế hoạch số 450/KH-UBND ngày 31/12/2021 của UBND tỉnh Lào Cai về Kế hoạch thực hiện "
                    "công tác tuyên truyền tỉnh Lào Cai năm 2022"
                ),
            },
        ],
        sections=[
            {
                "heading": "Mục đích, yêu cầu",
                "body": _lines(
                    "- Giúp cán bộ quản lý, giáo viên nắm được các nội dung chỉ đạo mới của các cấp, ngành "
                    "về công tác thi đua khen thưởng; nâng cao năng lực tham mưu cho cấp ủy đảng, chính "
                    "quyền và đoàn thể tổ chức thực hiện có hiệu quả các phong trào thi đua yêu nước, công "
                    "tác khen thưởng của đơn vị.",
                    "- Kịp thời tháo gỡ những tồn tại, vướng mắc trong công tác thi đua khen thưởng của "
                    "ngành giáo dục và đào tạo; nâng cao chất lượng của công tác thi đua khen thưởng.",
                    "- Buổi tuyên truyền về đổi mới công tác thi đua khen thưởng phải được tổ chức chu đáo, "
                    "hiệu quả, thiết thực.",
                ),
            },
            {
                "heading": "Nội dung, thời gian, địa điểm, thành phần",
                "children": [
                    {
                        "heading": "Nội dung",
                        "body": _lines(
                            "- Định hướng triển khai công tác thi đua khen thưởng trong giai đoạn 2022-2025;",
                            "- Triển khai các văn bản về Công tác TĐKT các cấp, những điểm cần lưu ý khi "
                            "triển khai các văn bản Thi đua khen thưởng.",
                            "- Hướng dẫn Tiêu chuẩn, đối tượng, thủ tục hồ sơ xét đề nghị các cấp, các ngành "
                            "khen thưởng trong các phong trào thi đua của tỉnh; Cách thức tổ chức các phong "
                            "trào thi đua và công tác thi đua khen thưởng.",
                            "- Tổ chức phong trào thi đua gắn với xây dựng gương điển hình tiên tiến và cách "
                            "nhân rộng mô hình điển hình tiên tiến.",
                            "- Kỹ năng viết báo cáo thành tích, lỗi thường gặp khi viết báo cáo thành tích.",
                        ),
                    },
                    {
                        "heading": "Thời gian, địa điểm",
                        "body": _lines(
                            "- Thời gian: 01 ngày, từ 08h00 ngày 10/5/2022.",
                            f"- Địa điểm: {place}.",
                        ),
                    },
                    {"heading": "Thành phần tham gia", "block": SectionBlock.PARTICIPANTS},
                    {"heading": "Kinh phí", "block": SectionBlock.BUDGET},
                    {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES},
                ],
            },
        ],
        groups=[
            {
                "kind": GroupKind.PER_UNIT_TYPE,
                "description": "Phòng GD&ĐT huyện, thành phố, thị xã: Mỗi phòng cử",
                "count": 15,
                "breakdown": [
                    (1, "lãnh đạo phòng phụ trách công tác Thi đua khen thưởng"),
                    (1, "cán bộ phụ trách công tác Thi đua khen thưởng"),
                    (
                        13,
                        "cán bộ quản lý, giáo viên phụ trách công tác Thi đua Khen thưởng của các trường "
                        "trên địa bàn",
                    ),
                ],
            },
            {
                # Worded in the seed as "02 người gồm 01 …, và 01 …", unlike the "gồm: 01 …; 01 …" that a
                # breakdown prints; the wording is kept in the counted noun.
                "kind": GroupKind.PER_UNIT_TYPE,
                "description": "Các đơn vị trực thuộc Sở: Mỗi đơn vị cử",
                "count": 2,
                "noun": "người gồm 01 cán bộ quản lý, và 01 giáo viên phụ trách công tác thi đua khen thưởng",
            },
            {
                "kind": GroupKind.PER_UNIT_TYPE,
                "description": "Các Trung tâm GDNN&GDTX huyện, thành phố: Mỗi Trung tâm cử",
                "count": 1,
                "noun": "cán bộ quản lý hoặc giáo viên phụ trách công tác thi đua khen thưởng",
            },
            {
                "kind": GroupKind.PER_UNIT_TYPE,
                "description": "Các Phòng thuộc Sở GD&ĐT: Mỗi phòng cử",
                "count": 1,
                "noun": "cán bộ tham dự buổi tuyên truyền",
            },
        ],
        activities=[
            # Not printed (no section shows activities); it dates the event for calendars.
            {
                "content": "Buổi tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022",
                "period_kind": PeriodKind.DATE,
                "start_date": datetime.date(2022, 5, 10),
                "timing_text": "01 ngày, từ 08h00",
                "place": place,
            },
        ],
        duties=[
            {
                "title": "Văn phòng, Sở GD&ĐT",
                "body": (
                    "Chủ trì lập kế hoạch và tổ chức, quản lý buổi tuyên truyền. Mời giảng viên Ban Thi đua "
                    "Khen thưởng tỉnh tham gia làm tuyên truyền viên."
                ),
            },
            {
                "title": "Phòng Kế hoạch tài chính",
                "body": (
                    "Chuẩn bị đầy đủ kinh phí đảm bảo cho Văn phòng tổ chức buổi tuyên truyền diễn ra đúng "
                    "thời gian quy định."
                ),
            },
            {
                "title": (
                    "Phòng GD&ĐT, các Trung tâm GDNN&GDTX các huyện, thành phố, thị xã và các đơn vị trực "
                    "thuộc Sở GD&ĐT"
                ),
                "body": _lines(
                    "- Cử đúng, đủ thành phần cán bộ tham gia buổi tuyên truyền.",
                    "- Xây dựng kế hoạch chỉ đạo và thực hiện tuyên truyền lại cho các đơn vị, cá nhân trực "
                    "thuộc sau khi tiếp thu các nội dung thi đua tại buổi tuyên truyền cấp tỉnh.",
                ),
            },
        ],
        recipients=[
            "Các Phòng GD&ĐT",
            "Các TT GDNN&GDTX",
            "Các đơn vị trực thuộc Sở",
            "Lãnh đạo Sở",
            "Các phòng thuộc Sở",
        ],
    )
