"""The emulation year's pages: registrations, compact, criteria, scoring, review meetings, proposals."""

app_name = "emulation"

urlpatterns = []
