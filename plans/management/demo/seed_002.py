"""Seed 002: training plan of a district of tỉnh Kiên Giang (2024), two classes."""

from activities.choices import GroupKind
from plans.choices import LegalBasisForm, PlanKind, SectionBlock, SignerAuthority

PLAN = {
    "issuer": {"organization": "huyen_kien_giang"},
    "drafter": "admin",
    "fields": {
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
    "legal_bases": [
        {
            "form": LegalBasisForm.IMPLEMENTING,
            "text": (
                "phương hướng, nhiệm vụ công tác trọng tâm về thi đua, khen thưởng năm 2024 của Ủy ban "
                "nhân dân huyện"
            ),
        },
    ],
    "sections": [
        {
            "heading": "Mục đích, yêu cầu",
            "body": "\n".join(
                [
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
                ]
            ),
        },
        {
            "heading": "Nội dung, đối tượng",
            "children": [
                {
                    "heading": "Nội dung",
                    "body": "\n".join(
                        [
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
                        ]
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
    "sessions": [
        {
            "name": "Lớp thứ nhất",
            "duration": "01 ngày",
            "timing_text": "dự kiến trong quý II năm 2024",
            # The class is counted only as a whole (70), so it is one group whose description
            # holds the seed's bullets.
            "groups": [
                {
                    "kind": GroupKind.FIXED,
                    "description": "\n".join(
                        [
                            "- Đại diện Lãnh đạo và cán bộ, công chức, viên chức phụ trách công tác thi đua, "
                            "khen thưởng các đơn vị thuộc ban Đảng Huyện ủy; Ủy ban MTTQ Việt Nam huyện; các "
                            "đoàn thể huyện; các phòng, ban thuộc khối Nhà nước; Nhà Thiếu nhi; Hội Chữ thập "
                            "đỏ huyện.",
                            # Sic: the seed writes "Văn phòng - Thông kê" (for "Thống kê").
                            "- Chủ tịch hoặc Phó Chủ tịch UBND và công chức Văn phòng - Thông kê các xã, "
                            "thị trấn.",
                        ]
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
    "duties": [
        {
            "title": "Phòng Nội vụ (cơ quan thường trực Hội đồng Thi đua – Khen thưởng huyện)",
            "body": "\n".join(
                [
                    "- Chủ trì, tham mưu UBND huyện chuẩn bị nội dung, chương trình, tài liệu; mời báo cáo "
                    "viên triển khai các nội dung liên quan và tổ chức thực hiện đảm bảo theo yêu cầu kế "
                    "hoạch đề ra.",
                    "- Dự toán kinh phí tổ chức Hội nghị tập huấn gửi Phòng Tài chính-Kế hoạch thẩm định và "
                    "thực hiện việc thanh quyết toán kinh phí theo quy định.",
                ]
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
    "recipients": [
        "Ban TĐKT tỉnh",
        "CT, các PCT. UBND huyện",
        "Phòng, ban, ngành, đoàn thể cấp huyện",
        "UBND các xã, thị trấn",
        "LĐVP, CVNC",
    ],
}
