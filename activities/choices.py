"""Choice sets of the activities app."""

from django.db import models


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "Trong quý"
    MONTH = "month", "Trong tháng"
    DATE = "date", "Một ngày cụ thể"
    RANGE = "range", "Từ ngày đến ngày"


class GroupKind(models.TextChoices):
    NAMED = "named", "Khách mời đích danh"
    FIXED = "fixed", "Số lượng cố định"
    PER_UNIT = "per_unit", "Định mức mỗi đơn vị (chọn đơn vị)"
    PER_UNIT_TYPE = "per_unit_type", "Định mức theo loại đơn vị (có cơ cấu)"


class CountBound(models.TextChoices):
    """How a count is meant: exactly, at most ("không quá 300 đại biểu") or about ("khoảng")."""

    EXACT = "exact", "Đúng số"
    AT_MOST = "at_most", "Không quá"
    ABOUT = "about", "Khoảng"


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    POSTPONED = "postponed", "Tạm hoãn"
    CANCELLED = "cancelled", "Hủy bỏ"


class PersonalDataUse(models.TextChoices):
    VIEW = "view", "Xem đầy đủ"
    EXPORT = "export", "Xuất tệp"
    APPENDIX = "appendix", "In phụ lục"
    IMPORT = "import", "Nhập từ tệp"
    PURGE = "purge", "Xoá dữ liệu cá nhân"
    DUPLICATE_CHECK = "duplicate", "Nhập số CCCD đã có trong kế hoạch"
