"""Choice sets of the staffing app."""

from django.db import models


class StaffChangeKind(models.TextChoices):
    ACCOUNT_CREATED = "account_created", "Tạo tài khoản"
    ROLE_GRANTED = "role_granted", "Giao vai trò"
    ROLE_REVOKED = "role_revoked", "Thu hồi vai trò"
    PASSWORD_SET = "password_set", "Đặt lại mật khẩu"
    ACCOUNT_LOCKED = "account_locked", "Khóa tài khoản"
    ACCOUNT_UNLOCKED = "account_unlocked", "Mở khóa tài khoản"
    IMPORTED = "imported", "Nhập từ tệp"
