"""URLs of the budget pages."""

app_name = "budget"

urlpatterns = []
