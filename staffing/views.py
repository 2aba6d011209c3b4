"""Staff pages: accounts and roles of the bodies a user administers, the audit log, and a province's
import and export. Every right is asked of `plans.policy`; an account outside the user's bodies is a
404, a user who administers nothing gets a 403 with the reason."""

from axes.models import AccessLog
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from clusters.models import Organization, Staff
from common.downloads import file_response, filename_slug
from common.errors import ServiceError, add_to_form, add_to_page
from plans import policy
from staffing import imports, services
from staffing.forms import PasswordForm, ProvinceImportForm, RoleForm, StaffCreateForm
from staffing.models import StaffChange
from staffing.sheets import province_workbook

SIGN_INS_SHOWN = 20
LOG_PAGE_SIZE = 50


def _managed_accounts(user):
    roles = Staff.objects.select_related("organization").order_by("organization__name", "role")
    return policy.managed_users(user).prefetch_related(Prefetch("staff_roles", queryset=roles))


def _target(request, pk: int):
    policy.require_staff_admin(request.user)
    return get_object_or_404(_managed_accounts(request.user), pk=pk)


@require_safe
@login_required
def staff_list(request):
    policy.require_staff_admin(request.user)
    accounts = _managed_accounts(request.user).order_by("username")
    query = request.GET.get("q", "").strip()
    if query:
        accounts = accounts.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(email__icontains=query)
        )
    page = Paginator(accounts, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staffing/staff_list.html",
        {"page": page, "query": query, "may_import": policy.import_roots(request.user).exists()},
    )


@login_required
def staff_create(request):
    policy.require_staff_admin(request.user)
    organizations = policy.administered_organizations(request.user).order_by("name")
    form = StaffCreateForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.staff_account_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                password=data["password"],
                organization=data["organization"],
                role=data["role"],
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, f"Đã tạo tài khoản {account.username}.")
            return redirect("staffing:detail", account.pk)
    return render(request, "staffing/staff_create.html", {"form": form})


def _detail(request, account, *, role_form=None, password_form=None, status=200):
    organizations = policy.administered_organizations(request.user).order_by("name")
    return render(
        request,
        "staffing/staff_detail.html",
        {
            "account": account,
            "roles": [
                (role, policy.may_administer(request.user, role.organization_id))
                for role in account.staff_roles.all()
            ],
            "account_denial": policy.account_denial(request.user, account),
            "role_form": role_form or RoleForm(organizations=organizations),
            "password_form": password_form or PasswordForm(),
            "sign_ins": AccessLog.objects.filter(username=account.username).order_by("-attempt_time")[
                :SIGN_INS_SHOWN
            ],
            "changes": StaffChange.objects.filter(target=account).select_related("actor", "organization")[
                :20
            ],
            "is_self": account.pk == request.user.pk,
        },
        status=status,
    )


@require_safe
@login_required
def staff_detail(request, pk: int):
    return _detail(request, _target(request, pk))


@require_POST
@login_required
def staff_role_grant(request, pk: int):
    account = _target(request, pk)
    organizations = policy.administered_organizations(request.user).order_by("name")
    form = RoleForm(request.POST, organizations=organizations)
    if form.is_valid():
        try:
            services.staff_role_grant(
                actor=request.user,
                user=account,
                organization=form.cleaned_data["organization"],
                role=form.cleaned_data["role"],
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, "Đã giao vai trò.")
            return redirect("staffing:detail", account.pk)
    return _detail(request, account, role_form=form, status=400)


@require_POST
@login_required
def staff_role_revoke(request, pk: int, role_pk: int):
    account = _target(request, pk)
    role = get_object_or_404(account.staff_roles.all(), pk=role_pk)
    try:
        services.staff_role_revoke(actor=request.user, staff=role)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, f"Đã thu hồi vai trò {role.get_role_display()} tại {role.organization}.")
    return redirect("staffing:detail", account.pk)


@require_POST
@login_required
def staff_password(request, pk: int):
    account = _target(request, pk)
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            services.staff_password_set(
                actor=request.user, user=account, password=form.cleaned_data["password"]
            )
        except ServiceError as error:
            add_to_form(error, form)
        else:
            messages.success(request, f"Đã đặt mật khẩu mới cho {account.username}.")
            return redirect("staffing:detail", account.pk)
    return _detail(request, account, password_form=form, status=400)


@require_POST
@login_required
def staff_lock(request, pk: int):
    account = _target(request, pk)
    active = not account.is_active
    try:
        services.staff_account_lock(actor=request.user, user=account, active=active)
    except ServiceError as error:
        add_to_page(request, error)
    else:
        messages.success(request, "Đã mở khóa tài khoản." if active else "Đã khóa tài khoản.")
    return redirect("staffing:detail", account.pk)


@require_safe
@login_required
def staff_log(request):
    policy.require_staff_admin(request.user)
    changes = StaffChange.objects.select_related("actor", "target", "organization")
    ids = policy.administered_ids(request.user)
    if ids is not None:
        # Password and lock changes name no body: they show through the account they changed.
        changes = changes.filter(Q(organization__in=ids) | Q(target__in=policy.managed_users(request.user)))
    page = Paginator(changes, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "staffing/staff_log.html", {"page": page})


def _provinces(user):
    policy.require_province_admin(user)
    return policy.import_roots(user).order_by("name")


@login_required
def province_import(request):
    provinces = _provinces(request.user)
    form = ProvinceImportForm(request.POST or None, request.FILES or None, provinces=provinces)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.province_import(
                user=request.user,
                province=form.cleaned_data["province"],
                content=form.cleaned_data["file"].read(),
            )
        except ServiceError as error:
            problems = error.messages
        else:
            messages.success(request, f"Đã nhập: {result.summary}.")
            return redirect("staffing:list")
    return render(
        request,
        "staffing/province_import.html",
        {"form": form, "problems": problems, "provinces": provinces},
        status=400 if problems else 200,
    )


@require_safe
@login_required
def province_export(request):
    provinces = _provinces(request.user)
    chosen = request.GET.get("province", "")
    province = provinces.filter(pk=int(chosen)).first() if chosen.isdigit() else provinces.first()
    if province is None:
        raise Http404
    bodies = list(
        Organization.objects.filter(pk__in=policy.subtree_ids(province))
        .select_related("parent")
        .order_by("level", "name")
    )
    content = province_workbook(province, bodies)
    slug = filename_slug(province.name, words=3, last=True)
    name = f"co-quan-can-bo-{slug}-{timezone.localdate():%Y%m%d}.xlsx"
    return file_response(content, filename=name, fmt="xlsx")


@require_safe
@login_required
def province_template(request):
    _provinces(request.user)
    return file_response(province_workbook(None, []), filename="mau-nhap-co-quan-cum-can-bo.xlsx", fmt="xlsx")
