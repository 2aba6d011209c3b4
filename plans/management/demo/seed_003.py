"""Seed 003: annual plan of UBND xã Tân Lập, huyện Bắc Sơn (2024), and the district plan it implements."""

import datetime

from activities.choices import PeriodKind
from plans.choices import ActivityNumbering, PlanKind, SectionBlock

COMMUNE = "UBND xã"

PLAN = {
    "issuer": {"organization": "tan_lap"},
    "drafter": "admin",
    "fields": {
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
    "legal_bases": [
        {"text": "Luật Thi đua, khen thưởng ngày 15/6/2022 và các văn bản hướng dẫn thi hành"},
        {
            # Linked to the district's plan, and kept word for word so that it prints as written.
            "text": (
                "Kế hoạch số 03/KH-UBND ngày 9/01/2024 của UBND huyện Bắc Sơn về công tác thi đua, khen "
                "thưởng năm 2024"
            ),
            "referenced_plan": "bac_son_2024",
        },
    ],
    "sections": [
        {
            "heading": "Mục đích, yêu cầu",
            "children": [
                {
                    "heading": "Mục đích",
                    "body": "\n".join(
                        [
                            "Tiếp tục đẩy mạnh các phong trào thi đua, thiết thực lập thành tích chào mừng "
                            "các ngày lễ, kỷ niệm, các sự kiện chính trị, văn hóa trong năm 2024; phát huy "
                            "tinh thần đoàn kết, đồng lòng, quyết tâm khắc phục khó khăn để thực hiện thắng "
                            "lợi các mục tiêu, nhiệm vụ, kế hoạch phát triển kinh tế - xã hội năm 2024.",
                            "Nâng cao chất lượng, hiệu quả các phong trào thi đua; thực hiện tốt công tác "
                            "khen thưởng; các nội dung quản lý nhà nước về công tác thi đua, khen thưởng "
                            "(TĐKT) trên địa bàn xã.",
                        ]
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
    "activities": [
        {
            "content": (
                "Phát động phong trào thi đua phấn đấu hoàn thành thắng lợi các mục tiêu, nhiệm vụ, kế "
                "hoạch phát triển kinh tế - xã hội năm 2024"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": "\n".join(
                [COMMUNE, "Các đơn vị trường học, Trạm y tế, công an xã", "Các thôn"]
            ),
        },
        {
            "content": (
                "Tổ chức Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 và triển "
                "khai nhiệm vụ năm 2024"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": "\n".join([COMMUNE, "Hội đồng TĐKT xã"]),
        },
        {
            "content": (
                "Tham gia Hội nghị tổng kết công tác TĐKT năm 2023, triển khai nhiệm vụ năm 2024 cụm thi "
                "đua các xã"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": COMMUNE,
        },
        {
            "content": (
                "Phát động phong trào thi đua lập thành tích chào mừng kỷ niệm 84 năm ngày khởi nghĩa "
                "Bắc Sơn (27/9/1940 - 27/9/2024)"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 2,
            "implementers_text": COMMUNE,
        },
        {
            "content": (
                "Ban hành kế hoạch thực hiện phong trào thi đua kỷ niệm 115 ngày sinh đồng chí Hoàng Văn "
                "Thụ gắn với chào mừng kỷ niệm 70 năm Chiến thắng Điện Biên Phủ; 80 năm Ngày thành lập "
                "QĐND Việt Nam và 35 năm Ngày hội Quốc phòng toàn dân"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 2,
            "implementers_text": COMMUNE,
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
            "implementers_text": COMMUNE,
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
            "implementers_text": COMMUNE,
        },
        {
            "content": "Ban hành Kế hoạch công tác TĐKT năm 2025",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 4,
            "implementers_text": COMMUNE,
        },
    ],
    # Each duty is one sentence with no unit title.
    "duties": [
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
    "recipients": [
        "Phòng Nội vụ huyện",
        "TT ĐU, TTHĐND xã",
        "CTUBND, PCTUBND xã",
        "UB MTTQ VN xã, các đoàn thể",
        "Cán bộ, công chức xã",
        "Các đơn vị trường học, Trạm y tế xã",
        "Các thôn",
    ],
}

# The district plan that seed 003 implements. Only its citation is known ("Kế hoạch số 03/KH-UBND
# ngày 9/01/2024 của UBND huyện Bắc Sơn"), so it has no body; it is issued as cited. No demo account
# works for Bắc Sơn, so the superuser drafts, submits, approves and issues it.
CITED_PLAN = {
    "issuer": {"organization": "bac_son"},
    "drafter": "admin",
    "fields": {
        "kind": PlanKind.ANNUAL,
        "year": 2024,
        "subject": "Công tác thi đua, khen thưởng năm 2024",
        "date_month": 1,
        "date_year": 2024,
        # The format check refuses to issue without a signer; the citation does not name one.
        "signer_title": "CHỦ TỊCH",
        "signer_name": "(không rõ, chỉ biết qua trích dẫn)",
    },
    "workflow": [("submit", "admin"), ("approve", "admin"), ("issue", "admin")],
    "issue": {"number": 3, "date": datetime.date(2024, 1, 9)},
}
