"""Choice sets of the clusters app."""

from django.db import models


class OrganizationLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Cấp tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    OFFICE = "office", "Phòng, ban chuyên môn"
    SCHOOL = "school", "Trường học"
    OTHER = "other", "Đơn vị khác"


class ClusterKind(models.TextChoices):
    AREA = "cum", "Cụm thi đua (theo địa bàn)"
    SECTOR = "khoi", "Khối thi đua (theo ngành, lĩnh vực)"


class MembershipRole(models.TextChoices):
    HEAD = "head", "Trưởng cụm"
    DEPUTY = "deputy", "Phó trưởng cụm"
    MEMBER = "member", "Thành viên"


class StaffRole(models.TextChoices):
    DRAFTER = "drafter", "Chuyên viên soạn thảo"
    APPROVER = "approver", "Lãnh đạo phê duyệt"
    CLERK = "clerk", "Văn thư"
    MEMBER_STAFF = "member_staff", "Cán bộ đơn vị thành viên"
    OVERSEER = "overseer", "Theo dõi, giám sát"
    # Manages the accounts and roles of the staff of its body and of the bodies under it (at a
    # province: the whole province, and its imports); it gives no right on plans.
    STAFF_ADMIN = "staff_admin", "Quản trị cán bộ"


class ReorganisationKind(models.TextChoices):
    MERGE = "merge", "Sáp nhập, hợp nhất"
    SPLIT = "split", "Chia, tách"
    RENAME = "rename", "Đổi tên"
