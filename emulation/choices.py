"""Choice sets of the emulation app."""

from django.db import models


class AwardCategory(models.TextChoices):
    """The law's two families: titles won by emulating, and forms of commendation."""

    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class AwardRecipient(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    FAMILY = "family", "Hộ gia đình"


class AuthorityLevel(models.TextChoices):
    """Who decides an award, highest first; which awards each decides is dated data (AwardRule)."""

    PRESIDENT = "president", "Chủ tịch nước"
    PRIME_MINISTER = "prime_minister", "Thủ tướng Chính phủ"
    MINISTER = "minister", "Bộ trưởng, thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ"
    PROVINCE_CHAIR = "province_chair", "Chủ tịch Ủy ban nhân dân cấp tỉnh"
    DEPARTMENT_HEAD = "department_head", "Giám đốc sở, thủ trưởng ban, ngành cấp tỉnh"
    DISTRICT_CHAIR = "district_chair", "Chủ tịch Ủy ban nhân dân cấp huyện"
    COMMUNE_CHAIR = "commune_chair", "Chủ tịch Ủy ban nhân dân cấp xã"


class CriterionKind(models.TextChoices):
    GROUP = "group", "Nhóm tiêu chí"
    QUANTITATIVE = "quantitative", "Định lượng (chỉ tiêu và kết quả)"
    QUALITATIVE = "qualitative", "Định tính (chấm đến điểm tối đa)"
    PER_OCCURRENCE = "occurrence", "Theo số lần (mỗi lần … điểm, có mức trần)"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class PointsFormula(models.TextChoices):
    """How a quantitative criterion turns its result into points (see emulation.arithmetic)."""

    PROPORTIONAL = "proportional", "Tỷ lệ với kết quả, tối đa khi đạt chỉ tiêu"
    THRESHOLD = "threshold", "Đạt chỉ tiêu được điểm tối đa, không đạt 0 điểm"
    STEPPED = "stepped", "Đạt chỉ tiêu được điểm chuẩn, mỗi đơn vị vượt cộng, mỗi đơn vị thiếu trừ"


class TableStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    SUPERSEDED = "superseded", "Đã thay bằng phiên bản mới"


class ScoreSide(models.TextChoices):
    SELF = "self", "Đơn vị tự chấm"
    REVIEW = "review", "Thẩm định"
