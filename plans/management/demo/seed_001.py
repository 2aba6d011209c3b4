"""Seed 001: annual plan of Cụm giao ước thi đua các huyện miền Tây, tỉnh Cao Bằng (2022)."""

from activities.choices import PeriodKind
from plans.choices import ActivityNumbering, PlanKind, SectionBlock

IN_CLUSTER = "Các đơn vị trong Cụm thi đua"
HEAD = "Trưởng Cụm thi đua"

PLAN = {
    "issuer": {"cluster": "cao_bang_mien_tay"},
    "drafter": "admin",
    "fields": {
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
        # The body's table has no time column: the one month prints in brackets with its units.
        "activity_time_column": False,
        "signer_on_behalf_of": "CỤM THI ĐUA",
        "signer_title": "TRƯỞNG CỤM",
        "signer_position": "CHỦ TỊCH UBND HUYỆN HÀ QUẢNG",
        "signer_name": "Phạm Xuân Tùng",
        "archive_note": "VT, Trưởng Cụm (Thương, Hằng, Bắc)",
    },
    "legal_bases": [
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
    "sections": [
        {"block": SectionBlock.ACTIVITIES},
        {
            "body": "\n".join(
                [
                    "Các đơn vị trong Cụm thi đua căn cứ nội dung công việc trong kế hoạch chủ động thực "
                    "hiện và thực hiện chế độ báo cáo, cung cấp tài liệu, văn bản cho đơn vị Trưởng Cụm kịp "
                    "thời.",
                    "Trưởng Cụm, Phó Trưởng Cụm thi đua điều hành và giải quyết các công việc của Cụm thi "
                    "đua, chuẩn bị các điều kiện về cơ sở, vật chất, hậu cần kỹ thuật cho các hoạt động "
                    "chung của Cụm.",
                ]
            ),
        },
    ],
    "activities": [
        {
            "content": (
                "Tổ chức tổng kết đánh giá kết quả hoạt động của Cụm thi đua năm 2021 và triển khai "
                "nhiệm vụ 2022"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": IN_CLUSTER,
        },
        {
            "content": (
                "Phát động phong trào thi đua phấn đấu hoàn thành nhiệm vụ kinh tế - xã hội năm 2022 và "
                "các phong trào chuyên đề khác"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": IN_CLUSTER,
        },
        {
            "content": "Chỉ đạo các đơn vị cơ sở tổ chức triển khai các phong trào thi đua",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 1,
            "implementers_text": IN_CLUSTER,
        },
        {
            "content": (
                "Ban hành Quy chế hoạt động của Cụm thi đua; Kế hoạch thực hiện công tác Thi đua, khen "
                "thưởng của Cụm thi đua; Bảng tiêu chí chấm điểm thi đua; Quyết định kiện toàn Tổ giúp "
                "việc cho Cụm thi đua"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 2,
            "implementers_text": "\n".join(["Trưởng Cụm", IN_CLUSTER]),
        },
        {
            "content": "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 2,
            "implementers_text": IN_CLUSTER,
        },
        {
            "content": "Tổ chức hội nghị sơ kết 6 tháng đầu năm",
            "period_kind": PeriodKind.MONTH,
            "month": 7,
            "timing_text": "đầu tháng 7/2022",
            "implementers_text": IN_CLUSTER,
        },
        {
            "content": (
                "Kiểm tra công tác thi đua khen thưởng các đơn vị thành viên trong Cụm thi đua (đơn vị "
                "được kiểm tra: huyện Hòa An, Nguyên Bình)"
            ),
            "period_kind": PeriodKind.QUARTER,
            "quarter": 3,
            "implementers_text": IN_CLUSTER,
            # The seed prints the parenthesis in italics; `place` is plain text.
            "place": "huyện Hòa An (Kết hợp tại Hội nghị Sơ kết 6 tháng đầu năm của Cụm thi đua)",
        },
        {
            "content": "Hướng dẫn các đơn vị tổng kết công tác thi đua khen thưởng 2022",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 4,
            "implementers_text": HEAD,
        },
        {
            "content": "Tổng hợp báo cáo đánh giá kết quả hoạt động của Cụm thi đua",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 4,
            "implementers_text": HEAD,
        },
        {
            "content": "Thực hiện các nhiệm vụ chuyên môn khác theo quy định",
            "period_kind": PeriodKind.QUARTER,
            "quarter": 4,
            "implementers_text": "\n".join(["Đơn vị Trưởng Cụm", "Các đơn vị thành viên trong Cụm"]),
        },
    ],
    "recipients": [
        "UBND các huyện Nguyên Bình, Bảo Lạc, Bảo Lâm, Hòa An",
        "Ban TĐKT, Sở Nội vụ",
    ],
}
