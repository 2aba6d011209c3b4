"""The emulation year's pages: registrations, compact, criteria, scoring, review meetings, proposals."""

from django.urls import path

from emulation.views import compact, registrations

app_name = "emulation"

urlpatterns = [
    # Đăng ký thi đua
    path("registrations/", registrations.call_list, name="call_list"),
    path("registrations/new/", registrations.call_create, name="call_create"),
    path("registrations/<int:pk>/", registrations.call_detail, name="call_detail"),
    path("registrations/<int:pk>/export.xlsx", registrations.call_export, name="call_export"),
    path("registrations/<int:pk>/start/", registrations.registration_start, name="registration_start"),
    path("registrations/unit/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path(
        "registrations/unit/<int:pk>/lines/<int:line_pk>/delete/",
        registrations.line_delete,
        name="registration_line_delete",
    ),
    # Giao ước thi đua
    path("registrations/<int:pk>/compact/", compact.compact_create, name="compact_create"),
    path("compacts/<int:pk>/", compact.compact_detail, name="compact_detail"),
]
