"""URLs of organisation and cluster pages."""

from django.urls import path

from clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
]
