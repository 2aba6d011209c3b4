"""URLs of the tracking pages: a plan's activities after issue, their evidence, and the calendar."""

from django.urls import path

from activities.views import tracking

app_name = "tracking"

urlpatterns = [
    path("calendar/", tracking.calendar_view, name="calendar"),
    path("<int:pk>/", tracking.tracking_plan, name="plan"),
    path("<int:pk>/activities/<int:activity_id>/", tracking.activity_update, name="activity_update"),
    path("<int:pk>/activities/<int:activity_id>/evidence/", tracking.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_id>/", tracking.evidence_download, name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_id>/delete/", tracking.evidence_delete, name="evidence_delete"),
    path("<int:pk>/evidence/<int:evidence_id>/restore/", tracking.evidence_restore, name="evidence_restore"),
]
