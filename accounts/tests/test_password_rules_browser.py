"""The password rules are what a screen reader announces for the password field."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language, rule", [("en", "at least 10 characters"), ("de", "mindestens 10 Zeichen")])
def test_the_password_fields_description_holds_the_password_rules(site_server, browser, language, rule):
    page = browser.new_page()
    page.goto(f"{site_server.url}/{language}/accounts/signup/")
    password = page.locator("#id_password1")
    description = page.locator("#" + password.get_attribute("aria-describedby"))
    assert rule in description.inner_text()
    assert description.get_by_role("listitem").count() >= 4
    page.close()
