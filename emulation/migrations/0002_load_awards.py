"""The catalogue of titles and forms of commendation of the Law on Emulation and Commendation 2022
(06/2022/QH15, in force from 01/01/2024) and who decides each, with the change of 01/7/2025: the
district level was abolished and the commune chairman now decides "Lao động tiên tiến", "Chiến sĩ
thi đua cơ sở", "Tập thể lao động tiên tiến", the family and village culture titles and Giấy khen
(the project's domain notes name Nghị định 129/2025/NĐ-CP; Nghị định 152/2025/NĐ-CP details the law
from that day).

Every rule is entered unconfirmed (`confirmed` False): the articles and conditions are summarised
from the law's structure and the domain notes, not checked against the official gazette. An
administrator confirms or corrects them, and adds the rules of the next amendment as new rows.
"""

import datetime

from django.db import migrations

D = datetime.date
LAW_START = D(2024, 1, 1)
REFORM = D(2025, 7, 1)
BEFORE_REFORM = D(2025, 6, 30)
LAW = "06/2022/QH15"
DECREE_2025 = "152/2025/NĐ-CP"
UNCHECKED = "Tóm tắt, chưa đối chiếu Công báo."
REFORM_NOTE = (
    "Từ 01/7/2025 không còn cấp huyện; theo ghi chú nghiệp vụ của dự án, thẩm quyền chuyển cho Chủ tịch "
    "UBND cấp xã (Nghị định 129/2025/NĐ-CP). " + UNCHECKED
)

# code: (name, category, recipient, rank)
AWARDS = {
    "huan-chuong-lao-dong-hang-ba": ("Huân chương Lao động hạng Ba", "form", "collective", 10),
    "co-thi-dua-chinh-phu": ("Cờ thi đua của Chính phủ", "title", "collective", 20),
    "chien-si-thi-dua-toan-quoc": ("Chiến sĩ thi đua toàn quốc", "title", "individual", 21),
    "bang-khen-thu-tuong": ("Bằng khen của Thủ tướng Chính phủ", "form", "collective", 25),
    "co-thi-dua-tinh": ("Cờ thi đua của Ủy ban nhân dân tỉnh", "title", "collective", 30),
    "chien-si-thi-dua-tinh": ("Chiến sĩ thi đua cấp tỉnh", "title", "individual", 31),
    "tap-the-lao-dong-xuat-sac": ("Tập thể lao động xuất sắc", "title", "collective", 32),
    "bang-khen-tinh": ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "form", "collective", 35),
    "chien-si-thi-dua-co-so": ("Chiến sĩ thi đua cơ sở", "title", "individual", 40),
    "tap-the-lao-dong-tien-tien": ("Tập thể lao động tiên tiến", "title", "collective", 41),
    "lao-dong-tien-tien": ("Lao động tiên tiến", "title", "individual", 42),
    "giay-khen": ("Giấy khen", "form", "collective", 45),
    "gia-dinh-van-hoa": ("Gia đình văn hóa", "title", "family", 50),
    "thon-to-dan-pho-van-hoa": ("Thôn, tổ dân phố văn hóa", "title", "collective", 51),
}

CONDITIONS = {
    "huan-chuong-lao-dong-hang-ba": "Tập thể có thành tích xuất sắc, liên tục nhiều năm theo tiêu chuẩn của Luật.",
    "co-thi-dua-chinh-phu": (
        "Tập thể tiêu biểu xuất sắc nhất trong phong trào thi đua của cụm, khối thi đua cấp tỉnh hoặc "
        "của bộ, ngành; được suy tôn qua bình xét."
    ),
    "chien-si-thi-dua-toan-quoc": (
        "Có thành tích tiêu biểu xuất sắc trong số những cá nhân hai lần liên tục đạt danh hiệu Chiến sĩ "
        "thi đua cấp tỉnh, có sáng kiến, đề tài ảnh hưởng trong phạm vi toàn quốc."
    ),
    "bang-khen-thu-tuong": "Tập thể có thành tích xuất sắc tiêu biểu, đã được tặng Bằng khen cấp bộ, tỉnh.",
    "co-thi-dua-tinh": (
        "Tập thể hoàn thành vượt mức các chỉ tiêu thi đua, dẫn đầu phong trào thi đua của cụm, khối "
        "thi đua; được suy tôn qua bình xét."
    ),
    "chien-si-thi-dua-tinh": (
        "Có thành tích tiêu biểu xuất sắc trong số những cá nhân ba lần liên tục đạt danh hiệu Chiến sĩ "
        "thi đua cơ sở; có sáng kiến ảnh hưởng trong phạm vi tỉnh."
    ),
    "tap-the-lao-dong-xuat-sac": (
        "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; 100% cá nhân hoàn thành nhiệm vụ, trong đó ít "
        "nhất 70% đạt danh hiệu Lao động tiên tiến; có cá nhân đạt Chiến sĩ thi đua cơ sở; không có cá "
        "nhân bị kỷ luật từ cảnh cáo trở lên."
    ),
    "bang-khen-tinh": "Tập thể, cá nhân có thành tích xuất sắc được bình xét trong phong trào thi đua.",
    "chien-si-thi-dua-co-so": (
        "Đạt danh hiệu Lao động tiên tiến và có sáng kiến, đề tài, đề án được cơ sở công nhận, áp dụng hiệu quả."
    ),
    "tap-the-lao-dong-tien-tien": (
        "Hoàn thành tốt nhiệm vụ; có phong trào thi đua thường xuyên, thiết thực; trên 50% cá nhân đạt "
        "danh hiệu Lao động tiên tiến; không có cá nhân bị kỷ luật từ cảnh cáo trở lên."
    ),
    "lao-dong-tien-tien": (
        "Hoàn thành tốt nhiệm vụ được giao; chấp hành tốt chủ trương, chính sách, pháp luật; có tinh thần "
        "đoàn kết, tích cực tham gia phong trào thi đua."
    ),
    "giay-khen": "Tập thể, cá nhân có thành tích được bình xét trong phong trào thi đua của cơ quan, địa phương.",
    "gia-dinh-van-hoa": "Hộ gia đình đạt tiêu chuẩn gia đình văn hóa theo quy định.",
    "thon-to-dan-pho-van-hoa": "Thôn, tổ dân phố đạt tiêu chuẩn văn hóa theo quy định.",
}

# (award code, authority, valid from, valid until, legal text number, note)
RULES = [
    ("huan-chuong-lao-dong-hang-ba", "president", LAW_START, None, LAW, UNCHECKED),
    ("co-thi-dua-chinh-phu", "prime_minister", LAW_START, None, LAW, UNCHECKED),
    ("chien-si-thi-dua-toan-quoc", "prime_minister", LAW_START, None, LAW, UNCHECKED),
    ("bang-khen-thu-tuong", "prime_minister", LAW_START, None, LAW, UNCHECKED),
    *(
        (code, authority, LAW_START, None, LAW, UNCHECKED)
        for code in ("co-thi-dua-tinh", "chien-si-thi-dua-tinh", "tap-the-lao-dong-xuat-sac", "bang-khen-tinh")
        for authority in ("province_chair", "minister")
    ),
    *(
        (code, "department_head", LAW_START, None, LAW, UNCHECKED)
        for code in ("chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "lao-dong-tien-tien", "giay-khen")
    ),
    *(
        (code, "district_chair", LAW_START, BEFORE_REFORM, LAW, UNCHECKED)
        for code in ("chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "lao-dong-tien-tien", "giay-khen")
    ),
    *(
        (code, "commune_chair", LAW_START, None, LAW, UNCHECKED)
        for code in ("giay-khen", "gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa")
    ),
    *(
        (code, "commune_chair", REFORM, None, DECREE_2025, REFORM_NOTE)
        for code in ("chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "lao-dong-tien-tien")
    ),
]  # fmt: skip


def load(apps, schema_editor):
    Award = apps.get_model("emulation", "Award")
    AwardRule = apps.get_model("emulation", "AwardRule")
    LegalText = apps.get_model("plans", "LegalText")
    texts = {text.number: text for text in LegalText.objects.filter(number__in=[LAW, DECREE_2025])}
    awards = {}
    for code, (name, category, recipient, rank) in AWARDS.items():
        awards[code], _ = Award.objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "recipient": recipient, "rank": rank}
        )
    for code, authority, start, end, text, note in RULES:
        AwardRule.objects.get_or_create(
            award=awards[code],
            authority=authority,
            valid_from=start,
            defaults={
                "valid_until": end,
                "conditions": CONDITIONS[code],
                "legal_basis": texts.get(text),
                "confirmed": False,
                "note": note,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("emulation", "Award").objects.filter(code__in=AWARDS).delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_awards_catalogue"), ("plans", "0012_load_legal_texts")]

    operations = [migrations.RunPython(load, unload)]
