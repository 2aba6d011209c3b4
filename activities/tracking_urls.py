"""URLs of the tracking pages."""

app_name = "tracking"

urlpatterns = []
