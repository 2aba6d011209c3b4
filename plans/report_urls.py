"""URLs of the report pages."""

app_name = "reports"

urlpatterns = []
