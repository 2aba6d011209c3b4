"""Seed 004: propaganda event of Sở GD&ĐT tỉnh Lào Cai (2022)."""

import datetime

from activities.choices import GroupKind, PeriodKind
from plans.choices import ClauseNumbering, LegalBasisForm, Opening, PlanKind, SectionBlock, SignerAuthority

PLACE = "Phòng họp số 1, Trung tâm Hội nghị tỉnh Lào Cai, đường 30/4, phường Nam Cường, TP Lào Cai"

PLAN = {
    "issuer": {"organization": "sgddt_lao_cai"},
    "drafter": "admin",
    "fields": {
        "kind": PlanKind.PROPAGANDA,
        "year": 2022,
        "subject": "Tổ chức tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022",
        "date_month": 4,
        "date_year": 2022,
        # The seed opens with one sentence: "Thực hiện …, Sở GD&ĐT xây dựng …".
        "opening": Opening.SENTENCE,
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
    "legal_bases": [
        {
            "form": LegalBasisForm.IMPLEMENTING,
            "text": (
                "Kế hoạch số 450/KH-UBND ngày 31/12/2021 của UBND tỉnh Lào Cai về Kế hoạch thực hiện "
                "công tác tuyên truyền tỉnh Lào Cai năm 2022"
            ),
        },
    ],
    "sections": [
        {
            "heading": "Mục đích, yêu cầu",
            "body": "\n".join(
                [
                    "- Giúp cán bộ quản lý, giáo viên nắm được các nội dung chỉ đạo mới của các cấp, ngành "
                    "về công tác thi đua khen thưởng; nâng cao năng lực tham mưu cho cấp ủy đảng, chính "
                    "quyền và đoàn thể tổ chức thực hiện có hiệu quả các phong trào thi đua yêu nước, công "
                    "tác khen thưởng của đơn vị.",
                    "- Kịp thời tháo gỡ những tồn tại, vướng mắc trong công tác thi đua khen thưởng của "
                    "ngành giáo dục và đào tạo; nâng cao chất lượng của công tác thi đua khen thưởng.",
                    "- Buổi tuyên truyền về đổi mới công tác thi đua khen thưởng phải được tổ chức chu đáo, "
                    "hiệu quả, thiết thực.",
                ]
            ),
        },
        {
            "heading": "Nội dung, thời gian, địa điểm, thành phần",
            "children": [
                {
                    "heading": "Nội dung",
                    "body": "\n".join(
                        [
                            "- Định hướng triển khai công tác thi đua khen thưởng trong giai đoạn 2022-2025;",
                            "- Triển khai các văn bản về Công tác TĐKT các cấp, những điểm cần lưu ý khi "
                            "triển khai các văn bản Thi đua khen thưởng.",
                            "- Hướng dẫn Tiêu chuẩn, đối tượng, thủ tục hồ sơ xét đề nghị các cấp, các ngành "
                            "khen thưởng trong các phong trào thi đua của tỉnh; Cách thức tổ chức các phong "
                            "trào thi đua và công tác thi đua khen thưởng.",
                            "- Tổ chức phong trào thi đua gắn với xây dựng gương điển hình tiên tiến và cách "
                            "nhân rộng mô hình điển hình tiên tiến.",
                            "- Kỹ năng viết báo cáo thành tích, lỗi thường gặp khi viết báo cáo thành tích.",
                        ]
                    ),
                },
                {
                    "heading": "Thời gian, địa điểm",
                    "body": "\n".join(
                        [
                            "- Thời gian: 01 ngày, từ 08h00 ngày 10/5/2022.",
                            f"- Địa điểm: {PLACE}.",
                        ]
                    ),
                },
                {"heading": "Thành phần tham gia", "block": SectionBlock.PARTICIPANTS},
                {"heading": "Kinh phí", "block": SectionBlock.BUDGET},
                {"heading": "Tổ chức thực hiện", "block": SectionBlock.DUTIES},
            ],
        },
    ],
    "groups": [
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
    "activities": [
        # Not printed (no section shows activities); it dates the event for calendars.
        {
            "content": "Buổi tuyên truyền về đổi mới công tác thi đua khen thưởng năm 2022",
            "period_kind": PeriodKind.DATE,
            "start_date": datetime.date(2022, 5, 10),
            "timing_text": "01 ngày, từ 08h00",
            "place": PLACE,
        },
    ],
    "duties": [
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
            "body": "\n".join(
                [
                    "- Cử đúng, đủ thành phần cán bộ tham gia buổi tuyên truyền.",
                    "- Xây dựng kế hoạch chỉ đạo và thực hiện tuyên truyền lại cho các đơn vị, cá nhân trực "
                    "thuộc sau khi tiếp thu các nội dung thi đua tại buổi tuyên truyền cấp tỉnh.",
                ]
            ),
        },
    ],
    "recipients": [
        "Các Phòng GD&ĐT",
        "Các TT GDNN&GDTX",
        "Các đơn vị trực thuộc Sở",
        "Lãnh đạo Sở",
        "Các phòng thuộc Sở",
    ],
}
