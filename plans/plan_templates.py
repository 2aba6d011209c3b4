"""The starting texts of a new plan, one template per kind of plan, kept as plain data.

`{year}`, `{previous_year}`, `{next_year}` and `{issuer}` (the issuer's short name) are filled in by
`plans.services.plan_create_from_template`. The wording follows the five real seed plans; every text
is only a start that the drafter edits.
"""

from activities.choices import PeriodKind
from plans.choices import PlanKind, SectionBlock

PURPOSE_SECTION = {
    "heading": "Mục đích, yêu cầu",
    "children": [
        {
            "heading": "Mục đích",
            "body": (
                "- Nâng cao nhận thức, trách nhiệm của cán bộ, công chức, viên chức và người lao động về "
                "công tác thi đua, khen thưởng; phát huy tinh thần đoàn kết, thi đua thực hiện thắng lợi "
                "các nhiệm vụ năm {year}.\n"
                "- Nâng cao chất lượng, hiệu quả các phong trào thi đua và công tác khen thưởng trên địa "
                "bàn, trong cơ quan, đơn vị."
            ),
        },
        {
            "heading": "Yêu cầu",
            "body": (
                "- Tổ chức thực hiện thiết thực, hiệu quả, tiết kiệm, đúng quy định của Luật Thi đua, khen "
                "thưởng và các văn bản hướng dẫn thi hành.\n"
                "- Công tác khen thưởng bảo đảm chính xác, công khai, minh bạch, kịp thời, đúng thành tích, "
                "đúng đối tượng và có tác dụng nêu gương."
            ),
        },
    ],
}

BUDGET_SECTION = {"heading": "Kinh phí", "block": SectionBlock.BUDGET}
DUTIES_SECTION = {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES}

DEFAULT_DUTIES = [
    {
        "title": "{issuer}",
        "body": (
            "- Chủ trì, tổ chức triển khai thực hiện Kế hoạch; hướng dẫn, đôn đốc các cơ quan, đơn vị "
            "thực hiện.\n"
            "- Tổng hợp kết quả, báo cáo cấp có thẩm quyền theo quy định."
        ),
    },
    {
        "title": "Các cơ quan, đơn vị có liên quan",
        "body": "Căn cứ nội dung Kế hoạch, chủ động phối hợp triển khai thực hiện đúng thời gian quy định.",
    },
]

# Legal bases are not written here: every template cites the legal texts an administrator marks
# "dẫn trong kế hoạch mới" that are in force on the plan's date (plans.legal.template_texts), since
# texts change every year or two.

DEFAULT_BUDGET_SOURCE = "Kinh phí thực hiện từ nguồn kinh phí thi đua, khen thưởng năm {year} theo quy định"

DEFAULT_RECIPIENTS = ["{parent}", "Các cơ quan, đơn vị có liên quan"]

TEMPLATES: dict[str, dict] = {
    PlanKind.ANNUAL: {
        "subject": "Công tác thi đua, khen thưởng năm {year}",
        "preamble": "{issuer} xây dựng Kế hoạch công tác thi đua, khen thưởng năm {year} như sau:",
        "closing": (
            "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm {year}, đề nghị các cơ quan, đơn vị "
            "tổ chức thực hiện"
        ),
        "sections": [
            PURPOSE_SECTION,
            {"heading": "Nội dung, thời gian thực hiện", "block": SectionBlock.ACTIVITIES},
            BUDGET_SECTION,
            DUTIES_SECTION,
        ],
        "activities": [
            {
                "content": (
                    "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm {previous_year} và triển "
                    "khai nhiệm vụ năm {year}"
                ),
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": "{issuer}",
            },
            {
                "content": "Phát động phong trào thi đua thực hiện thắng lợi các nhiệm vụ năm {year}",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 1,
                "implementers_text": "{issuer}",
            },
            {
                "content": "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 2,
                "implementers_text": "{issuer}",
            },
            {
                "content": "Kiểm tra công tác thi đua, khen thưởng tại các cơ quan, đơn vị",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 3,
                "implementers_text": "{issuer}",
            },
            {
                "content": "Tổng kết công tác thi đua, khen thưởng năm {year}",
                "period_kind": PeriodKind.QUARTER,
                "quarter": 4,
                "implementers_text": "{issuer}",
            },
        ],
    },
    PlanKind.TRAINING: {
        "subject": "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm {year}",
        "preamble": (
            "{issuer} xây dựng Kế hoạch tổ chức tập huấn nghiệp vụ công tác thi đua, khen thưởng năm "
            "{year}, với các nội dung cụ thể như sau:"
        ),
        "closing": (
            "Trên đây là Kế hoạch tập huấn nghiệp vụ công tác thi đua, khen thưởng năm {year}. Đề nghị các "
            "cơ quan, đơn vị tổ chức thực hiện tốt"
        ),
        "budget_source": "Kinh phí thực hiện trích từ nguồn kinh phí thi đua, khen thưởng theo quy định",
        "sections": [
            PURPOSE_SECTION,
            {
                "heading": "Nội dung, đối tượng",
                "children": [
                    {
                        "heading": "Nội dung",
                        "body": (
                            "- Luật Thi đua, khen thưởng và các văn bản quy định chi tiết, hướng dẫn thi "
                            "hành.\n"
                            "- Một số nghiệp vụ cơ bản về công tác thi đua, khen thưởng."
                        ),
                    },
                    {
                        "heading": "Đối tượng",
                        "body": "Cán bộ, công chức, viên chức làm công tác thi đua, khen thưởng.",
                    },
                ],
            },
            {"heading": "Thành phần, thời gian", "block": SectionBlock.SESSIONS},
            BUDGET_SECTION,
            DUTIES_SECTION,
        ],
    },
    PlanKind.STUDY_TRIP: {
        "subject": "Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm {year}",
        "preamble": (
            "Nhằm giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng, {issuer} xây dựng Kế "
            "hoạch giao lưu, học tập kinh nghiệm như sau:"
        ),
        "closing": (
            "Trên đây là Kế hoạch giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm {year}"
        ),
        "budget_source": "Kinh phí thực hiện theo chế độ tài chính hiện hành",
        "sections": [
            PURPOSE_SECTION,
            {
                "heading": "Thời gian, địa điểm, thành phần, phương tiện",
                "body": "- Thời gian: …\n- Địa điểm: …",
                "block": SectionBlock.PARTICIPANTS,
            },
            {
                "heading": "Nội dung giao lưu",
                "body": (
                    "Trao đổi, chia sẻ kinh nghiệm về công tác thi đua, khen thưởng; các mô hình, điển hình "
                    "tiên tiến."
                ),
            },
            BUDGET_SECTION,
            DUTIES_SECTION,
        ],
    },
    PlanKind.PROPAGANDA: {
        "subject": "Tổ chức tuyên truyền về công tác thi đua, khen thưởng năm {year}",
        "preamble": (
            "{issuer} xây dựng Kế hoạch tổ chức tuyên truyền về công tác thi đua, khen thưởng năm {year} "
            "như sau:"
        ),
        "closing": "Trên đây là Kế hoạch tổ chức tuyên truyền về công tác thi đua, khen thưởng năm {year}",
        "budget_source": "Kinh phí thực hiện theo chế độ tài chính hiện hành",
        "sections": [
            PURPOSE_SECTION,
            {
                "heading": "Nội dung, thời gian, địa điểm, thành phần",
                "children": [
                    {
                        "heading": "Nội dung",
                        "body": "- Tuyên truyền các quy định mới về thi đua, khen thưởng.",
                    },
                    {"heading": "Thời gian, địa điểm", "body": "- Thời gian: …\n- Địa điểm: …"},
                    {"heading": "Thành phần tham gia", "block": SectionBlock.PARTICIPANTS},
                ],
            },
            BUDGET_SECTION,
            DUTIES_SECTION,
        ],
    },
    PlanKind.CAMPAIGN: {
        "subject": "Tổ chức phong trào thi đua … năm {year}",
        "preamble": "{issuer} xây dựng Kế hoạch tổ chức phong trào thi đua như sau:",
        "closing": "Trên đây là Kế hoạch tổ chức phong trào thi đua năm {year}",
        "sections": [
            PURPOSE_SECTION,
            {"heading": "Nội dung thi đua", "body": "- …"},
            {"heading": "Thời gian thực hiện", "block": SectionBlock.ACTIVITIES},
            {
                "heading": "Khen thưởng",
                "body": "Sơ kết, tổng kết phong trào thi đua và khen thưởng theo quy định.",
            },
            BUDGET_SECTION,
            DUTIES_SECTION,
        ],
    },
    PlanKind.OTHER: {
        "subject": "Thực hiện … năm {year}",
        "preamble": "{issuer} xây dựng Kế hoạch như sau:",
        "closing": "",
        "sections": [PURPOSE_SECTION, {"heading": "Nội dung", "body": "…"}, BUDGET_SECTION, DUTIES_SECTION],
    },
}
