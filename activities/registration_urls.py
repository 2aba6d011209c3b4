"""URLs of the registration pages."""

app_name = "registration"

urlpatterns = []
