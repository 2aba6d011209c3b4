"""The legal texts the product knew (plans/data/superseded_texts.json and the templates) and those of
2025–2026, as rows an administrator keeps up to date from now on.

`confirmed` is set only where the project's domain notes or the issue state the text's period and
replacement as settled; dates nobody has checked are left blank rather than guessed.
"""

import datetime

from django.db import migrations

D = datetime.date
TDKT = "Thi đua, khen thưởng"
TDKT_DETAIL = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
AMEND_TDKT = "sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng"
UNCHECKED = "Ngày ký, trích yếu chưa đối chiếu Công báo."

# number: (kind, signed_on, issuer, title, in force from, in force until, confirmed, templates, other
# citations, note)
TEXTS = {
    "15/2003/QH11": (
        "luat", D(2003, 11, 26), "Quốc hội", TDKT, None, D(2023, 12, 31), True, False,
        r"luat thi dua,? (va )?khen thuong (so 15/2003/qh11 )?(ngay 26/11/2003|ngay 26 thang 11 nam 2003"
        r"|nam 2003|\(?2003\)?)",
        "",
    ),
    "47/2005/QH11": (
        "luat", D(2005, 6, 14), "Quốc hội", AMEND_TDKT, None, D(2023, 12, 31), True, False,
        r"sua doi,? bo sung (mot so dieu )?(cua )?luat thi dua,? (va )?khen thuong (ngay 14/6/2005"
        r"|ngay 14/06/2005|ngay 14 thang 6 nam 2005|nam 2005|\(?2005\)?)",
        "",
    ),
    "39/2013/QH13": (
        "luat", D(2013, 11, 16), "Quốc hội", AMEND_TDKT, None, D(2023, 12, 31), True, False,
        r"sua doi,? bo sung (mot so dieu )?(cua )?luat thi dua,? (va )?khen thuong (ngay 16/11/2013"
        r"|ngay 16 thang 11 nam 2013|nam 2013|\(?2013\)?)",
        "",
    ),
    "91/2017/NĐ-CP": (
        "nghi_dinh", D(2017, 7, 31), "Chính phủ", TDKT_DETAIL, None, D(2023, 12, 31), False, False, "",
        "Hết hiệu lực khi Nghị định 98/2023/NĐ-CP có hiệu lực (01/01/2024).",
    ),
    "06/2022/QH15": (
        "luat", D(2022, 6, 15), "Quốc hội", TDKT, D(2024, 1, 1), None, True, True, "",
        "Dự thảo Luật sửa đổi, bổ sung đang được xây dựng cuối năm 2025: thêm vào danh mục khi ban hành.",
    ),
    "98/2023/NĐ-CP": (
        "nghi_dinh", D(2023, 12, 31), "Chính phủ", TDKT_DETAIL, D(2024, 1, 1), D(2025, 6, 30), True, True,
        "", "",
    ),
    "152/2025/NĐ-CP": (
        "nghi_dinh", None, "Chính phủ", TDKT_DETAIL, D(2025, 7, 1), None, True, True, "",
        "Có hiệu lực từ 01/7/2025, thay thế Nghị định 98/2023/NĐ-CP. " + UNCHECKED,
    ),
    "01/2024/TT-BNV": (
        "thong_tu", None, "Bộ Nội vụ", "quy định chi tiết thi hành Luật Thi đua, khen thưởng", None,
        D(2025, 8, 4), False, False, "", "Được thay thế bởi Thông tư 15/2025/TT-BNV theo nguồn thứ cấp. " + UNCHECKED,
    ),
    "15/2025/TT-BNV": (
        "thong_tu", D(2025, 8, 4), "Bộ Nội vụ", "quy định chi tiết thi hành Luật Thi đua, khen thưởng",
        D(2025, 8, 5), None, False, False, "", "Chỉ theo nguồn thứ cấp; chưa đối chiếu Công báo.",
    ),
    "30/2020/NĐ-CP": (
        "nghi_dinh", D(2020, 3, 5), "Chính phủ", "về công tác văn thư", D(2020, 3, 5), None, True, False, "",
        "Thể thức và kỹ thuật trình bày văn bản hành chính; còn hiệu lực.",
    ),
    "130/2018/NĐ-CP": (
        "nghi_dinh", D(2018, 9, 27), "Chính phủ",
        "quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số và dịch vụ chứng thực chữ ký số",
        None, D(2025, 4, 9), False, False, "", "Ngày hết hiệu lực theo nguồn thứ cấp.",
    ),
    "23/2025/NĐ-CP": (
        "nghi_dinh", D(2025, 2, 21), "Chính phủ", "quy định về chữ ký điện tử và dịch vụ tin cậy",
        D(2025, 4, 10), None, False, False, "", "Thay thế Nghị định 130/2018/NĐ-CP. " + UNCHECKED,
    ),
    "13/2023/NĐ-CP": (
        "nghi_dinh", D(2023, 4, 17), "Chính phủ", "về bảo vệ dữ liệu cá nhân", D(2023, 7, 1), D(2025, 12, 31),
        True, False, "", "",
    ),
    "91/2025/QH15": (
        "luat", None, "Quốc hội", "Bảo vệ dữ liệu cá nhân", D(2026, 1, 1), None, True, False, "", UNCHECKED,
    ),
    "356/2025/NĐ-CP": (
        "nghi_dinh", None, "Chính phủ",
        "quy định chi tiết một số điều và biện pháp thi hành Luật Bảo vệ dữ liệu cá nhân", D(2026, 1, 1),
        None, True, False, "", UNCHECKED,
    ),
}  # fmt: skip
REPLACEMENTS = {
    "15/2003/QH11": ["06/2022/QH15"],
    "47/2005/QH11": ["06/2022/QH15"],
    "39/2013/QH13": ["06/2022/QH15"],
    "91/2017/NĐ-CP": ["98/2023/NĐ-CP"],
    "98/2023/NĐ-CP": ["152/2025/NĐ-CP"],
    "01/2024/TT-BNV": ["15/2025/TT-BNV"],
    "130/2018/NĐ-CP": ["23/2025/NĐ-CP"],
    "13/2023/NĐ-CP": ["91/2025/QH15", "356/2025/NĐ-CP"],
}
FIELDS = (
    "kind",
    "signed_on",
    "issuer",
    "title",
    "in_force_from",
    "in_force_until",
    "confirmed",
    "cited_by_templates",
    "other_citations",
    "note",
)


def load(apps, schema_editor):
    LegalText = apps.get_model("plans", "LegalText")
    rows = {}
    for number, values in TEXTS.items():
        # A text an administrator already entered is kept as they entered it.
        rows[number], _ = LegalText.objects.get_or_create(number=number, defaults=dict(zip(FIELDS, values)))
    for number, replacements in REPLACEMENTS.items():
        rows[number].replaced_by.add(*(rows[other] for other in replacements))


def unload(apps, schema_editor):
    apps.get_model("plans", "LegalText").objects.filter(number__in=TEXTS, cited_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_legal_texts")]

    operations = [migrations.RunPython(load, unload)]
