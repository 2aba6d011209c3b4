"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Quản lý kế hoạch thi đua, khen thưởng"
admin.site.site_title = "Kế hoạch TĐKT"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index"), name="home"),
    path("admin/", admin.site.urls),
    path("plans/", include("plans.urls")),
]
