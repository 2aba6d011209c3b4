from django.urls import path

from staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.staff_create, name="create"),
    path("log/", views.staff_log, name="log"),
    path("import/", views.province_import, name="import"),
    path("import/template.xlsx", views.province_template, name="template"),
    path("export.xlsx", views.province_export, name="export"),
    path("<int:pk>/", views.staff_detail, name="detail"),
    path("<int:pk>/roles/", views.staff_role_grant, name="role_grant"),
    path("<int:pk>/roles/<int:role_pk>/revoke/", views.staff_role_revoke, name="role_revoke"),
    path("<int:pk>/password/", views.staff_password, name="password"),
    path("<int:pk>/lock/", views.staff_lock, name="lock"),
]
