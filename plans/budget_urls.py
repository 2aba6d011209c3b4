"""URLs of the budget pages: actual spending (the organiser) and the disclosure (every reader)."""

from django.urls import path

from plans.views import budget

app_name = "budget"

urlpatterns = [
    path("<int:pk>/expenses/", budget.expenses, name="expenses"),
    path("<int:pk>/expenses/<int:expense_pk>/delete/", budget.expense_delete, name="expense_delete"),
    path("<int:pk>/disclosure/", budget.disclosure, name="disclosure"),
    path("<int:pk>/disclosure.xlsx", budget.disclosure_xlsx, name="disclosure_xlsx"),
]
