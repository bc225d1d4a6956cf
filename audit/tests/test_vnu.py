"""The Nu Html Checker finds no error in the HTML of any page, in either language.

The pages are fetched as the server sends them (before any script runs) and checked
in one Java call. ``VALIDATOR_DISAGREEMENTS`` lists, with the reason, the only
messages let through: where the checker contradicts ARIA in HTML.
"""

import json
import re
import subprocess
import urllib.request

from audit.pages import ALL_PAGES, VERIFIED
from audit.tests.conftest import NODE_MODULES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, why it is no error). Keep this list short and every entry argued.
VALIDATOR_DISAGREEMENTS = []


def fetch(site, path, reader):
    request = urllib.request.Request(site.url + path)
    if reader == VERIFIED:
        request.add_header("Cookie", site.cookie)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def test_every_page_is_valid_html(audit_site, tmp_path):
    files = {}
    for page in ALL_PAGES:
        for language in page.paths:
            path = audit_site.path(page, language)
            name = f"{page.name}-{language}.html"
            (tmp_path / name).write_bytes(fetch(audit_site, path, page.reader))
            files[name] = path
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(str(tmp_path / f) for f in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    assert all(message["url"].endswith(".html") for message in messages)
    errors = [
        f"{files[message['url'].rsplit('/', 1)[-1]]} line {message.get('lastLine')}: {message['message']} "
        f"[{message.get('extract', '').strip()}]"
        for message in messages
        if message["type"] == "error"
        and not any(re.search(pattern, message["message"]) for pattern, _why in VALIDATOR_DISAGREEMENTS)
    ]
    assert not errors, "\n".join(errors)


def test_the_checker_reports_an_error_where_there_is_one(tmp_path):
    """A control: the same call fails an invalid page."""
    page = tmp_path / "invalid.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><span><ul><li>x</li></ul></span></p>')
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(page)], capture_output=True, text=True
    )
    assert json.loads(result.stderr)["messages"]
