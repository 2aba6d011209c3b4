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
