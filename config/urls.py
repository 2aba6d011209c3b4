"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from common.health import health
from plans.views.accounts import locked_accounts, unlock_account
from plans.views.dashboard import dashboard

admin.site.site_header = "Quản lý kế hoạch thi đua, khen thưởng"
admin.site.site_title = "Kế hoạch TĐKT"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("", dashboard, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", health, name="health"),
    path("accounts/locked/", locked_accounts, name="locked_accounts"),
    path("accounts/locked/unlock/", unlock_account, name="unlock_account"),
    path("admin/", admin.site.urls),
    path("plans/", include("plans.urls")),
    path("registrations/", include("activities.registration_urls")),
    path("tracking/", include("activities.tracking_urls")),
    path("budget/", include("plans.budget_urls")),
    path("reports/", include("plans.report_urls")),
    path("organizations/", include("clusters.urls")),
    path("staff/", include("staffing.urls")),
    path("emulation/", include("emulation.urls")),
    # Password reset by email: Django's views, Vietnamese templates under templates/registration/.
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]
