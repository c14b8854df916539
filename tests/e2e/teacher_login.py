"""A teacher logging in through the login page, as every teacher's browser test begins.

Tests that check the login form itself (by keyboard, with a wrong password)
write their steps out; the others call ``log_in``.
"""


def log_in(page, email: str, password: str) -> None:
    """Fill the login form on ``page`` and send it with the button."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
