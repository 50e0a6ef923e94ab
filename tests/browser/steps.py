"""Steps journeys share, done the way a person does them."""


def sign_in(page, username: str, password: str) -> None:
    """Fill in and submit the sign-in form the page shows (the site's or Wagtail's)."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
