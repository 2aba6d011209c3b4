"""Steps the browser tests share."""

DEMO_PASSWORD = "demo"


def sign_in(page, username: str, password: str = DEMO_PASSWORD, *, start: str = "/login/") -> None:
    """Open `start` (a page behind the login, or the login page itself) and sign in there."""
    page.goto(start)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def sign_out(page) -> None:
    """Press the header's "Đăng xuất" button; the login page follows."""
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login/")
