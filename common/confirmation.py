"""A deletion asks first: the list links to a page that says what will go and posts the deletion.

It works without JavaScript; the view answers GET with this page and POST with the deletion.
"""

from django.shortcuts import render


def confirm_deletion(request, *, question: str, details: list[str], cancel_url: str, consequence: str = ""):
    """The page asking "Xoá …?" with what the row holds, a "Xoá" button and a way back."""
    return render(
        request,
        "includes/confirm_delete.html",
        {"question": question, "details": details, "cancel_url": cancel_url, "consequence": consequence},
    )
