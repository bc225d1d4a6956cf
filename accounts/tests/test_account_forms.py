"""The account pages' forms look and behave like the site's: every field labelled, each error tied to its field."""

import re

import pytest

pytestmark = pytest.mark.django_db

INPUT = re.compile(r"<(?:input|select|textarea)\b[^>]*>")


def attribute(tag, name):
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found[1] if found else None


def fields(html):
    """(tag, id) of every field a reader fills in (not hidden ones, not the CSRF token)."""
    tags = [tag for tag in INPUT.findall(html) if attribute(tag, "type") != "hidden"]
    main = html.split("<main", 1)[1]
    return [(tag, attribute(tag, "id")) for tag in tags if tag in main and 'name="q"' not in tag]


def test_a_german_sign_up_sent_empty_labels_every_field_and_ties_each_error_to_its_field(client):
    html = client.post("/de/accounts/signup/", {}).content.decode()
    assert 'class="account-form"' in html
    checked = 0
    for tag, field_id in fields(html):
        assert field_id and f'<label for="{field_id}">' in html, tag
        if 'aria-invalid="true"' in tag:
            described = attribute(tag, "aria-describedby").split()
            error = f"{field_id}_error"
            assert error in described and f'id="{error}"' in html, tag
            checked += 1
    assert checked >= 5  # e-mail, password, name, profession, country and the consent are required
    assert "Bitte akzeptieren Sie die Nutzungsbedingungen" in html


def test_a_wrong_password_is_said_above_the_form_as_an_alert(client):
    html = client.post("/de/accounts/login/", {"login": "nobody@example.org", "password": "wrong-password-1"}).content
    html = html.decode()
    assert re.search(r'<div class="form-error" role="alert">\s*<ul class="errorlist nonfield"', html)


def test_the_help_text_of_a_field_is_named_by_the_field(client):
    html = client.get("/de/accounts/signup/").content.decode()
    password = next(tag for tag, field_id in fields(html) if field_id == "id_password1")
    assert "id_password1_helptext" in attribute(password, "aria-describedby")
    assert 'id="id_password1_helptext"' in html


def test_buttons_and_fields_wear_the_sites_style(client):
    html = client.get("/en/accounts/login/").content.decode()
    assert re.search(r'<button class="button" type="submit">\s*Sign In', html)
    assert 'class="form-field"' in html and 'class="form-field form-field-checkbox"' in html
