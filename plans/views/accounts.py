"""The administrator's page of sign-in locks: who is locked out, from where, and a button to unlock."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from common import lockouts
from plans import policy

UNLOCKED = "Đã mở khóa đăng nhập cho tài khoản “{username}” từ địa chỉ {address}."
GONE = "Khóa này không còn (đã hết hạn hoặc đã được mở); danh sách đã được cập nhật."


@require_safe
@never_cache
@login_required
def locked_accounts(request):
    policy.require_account_manager(request.user)
    return render(request, "accounts/locked.html", {"attempts": lockouts.locked_attempts()})


@require_POST
@login_required
def unlock_account(request):
    policy.require_account_manager(request.user)
    attempt_id = request.POST.get("attempt", "")
    attempt = lockouts.unlock(int(attempt_id), by=request.user) if attempt_id.isdigit() else None
    if attempt is None:
        messages.warning(request, GONE)
    else:
        messages.success(request, UNLOCKED.format(username=attempt.username, address=attempt.ip_address))
    return redirect("locked_accounts")
