"""Seed 000: study trip of Cụm thi đua 2, tỉnh Đồng Tháp (2024)."""

import datetime

from activities.choices import GroupKind, PeriodKind
from plans.choices import PlanKind, SectionBlock

PLAN = {
    "issuer": {"cluster": "dong_thap_2"},
    "drafter": "soanthao",
    "fields": {
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
        "budget_payer": "pnv_thap_muoi",
        "budget_payer_duty": (
            "(đơn vị Cụm trưởng) thanh toán các chi phí ăn, nghỉ, phương tiện trong quá trình công tác"
        ),
        "registration_deadline": datetime.date(2024, 8, 8),
    },
    "sections": [
        {
            "heading": "Mục đích, yêu cầu",
            "body": "\n".join(
                [
                    "- Tăng cường mối quan hệ, đoàn kết với các đơn vị trong và ngoài tỉnh để học tập, "
                    "trao đổi kinh nghiệm về công tác thi đua, khen thưởng.",
                    "- Thông qua giao lưu, chia sẻ kinh nghiệm nhằm nâng cao chất lượng và trình độ chuyên "
                    "môn về công tác thi đua, khen thưởng của các địa phương.",
                ]
            ),
        },
        {
            "heading": "Thời gian, địa điểm, thành phần, phương tiện",
            "body": "\n".join(
                [
                    "- Thời gian: 04 ngày, từ ngày 31/8/2024 đến ngày 03/9/2024.",
                    "- Địa điểm: Tại các tỉnh Quảng Trị - Quảng Bình - Thừa Thiên Huế.",
                ]
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
    "groups": [
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
        {
            "kind": GroupKind.PER_UNIT,
            "description": "Mỗi huyện đăng ký",
            "count": 4,
            "units": ["thap_muoi", "lai_vung", "cao_lanh", "chau_thanh"],
        },
    ],
    "activities": [
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
    "duties": [
        {
            "title": "Phòng Nội vụ huyện Tháp Mười (Cụm trưởng)",
            "body": "\n".join(
                [
                    "- Phối hợp, trao đổi với Phòng Thi đua - Khen thưởng, Sở Nội vụ liên hệ với Ban Thi "
                    "đua, Khen thưởng các tỉnh Quảng Trị - Quảng Bình - Thừa Thiên Huế, hỗ trợ kế hoạch "
                    "giao lưu.",
                    "- Tham mưu mời Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh, Giám đốc Sở Nội vụ "
                    "tỉnh và đại diện lãnh đạo Phòng Thi đua - Khen thưởng tỉnh, đồng thời thông báo các "
                    "thành viên lịch trình đi của Đoàn.",
                    "- Tổng hợp các nguồn chi, công khai trong Cụm; lấy ý kiến thống nhất trong Cụm khi có "
                    "chi phí phát sinh (nếu có).",
                ]
            ),
            "organizations": ["pnv_thap_muoi"],
        },
        {
            "title": "Phòng Nội vụ các huyện (Lai Vung, Cao Lãnh và Châu Thành)",
            "body": (
                "Tham mưu Ủy ban nhân dân huyện thực hiện đúng theo Kế hoạch. Đăng ký danh sách cá nhân "
                "tham gia gửi về đơn vị Cụm trưởng **chậm nhất trong ngày 08/8/2024** (gồm: họ và tên, "
                "chức vụ, số điện thoại, căn cước công dân, ngày cấp, nơi cấp, ghi chú)."
            ),
            "organizations": ["pnv_lai_vung", "pnv_cao_lanh", "pnv_chau_thanh"],
        },
    ],
    "recipients": [
        {"text": "Sở Nội vụ (Phòng TĐ-KT)", "organization": "snv_dong_thap"},
        "UBND các huyện: Lai Vung, Cao Lãnh, Châu Thành",
        "CT, các PCT.UBND huyện",
        "Phòng Nội vụ các huyện: Tháp Mười, Lai Vung, Cao Lãnh, Châu Thành",
        "LĐVP.HĐND&UBND huyện",
    ],
}
