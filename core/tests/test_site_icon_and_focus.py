"""Small things every page has: an icon in the browser tab and a focus ring one can see."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_every_page_names_its_icon_and_the_usual_icon_address_leads_to_it(client):
    html = client.get("/en/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon
    assert finders.find("favicon.svg").endswith("favicon.svg")
    assert Path(finders.find("favicon.svg")).read_text().startswith("<svg")


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_stands_out_from_the_page_at_least_three_to_one():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "medlex.css").read_text()
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    ring = re.search(r"a:focus[^{]*\{[^}]*outline:\s*\d+px solid var\(--([\w-]+)\)", css).group(1)
    assert contrast(colours[ring], colours["paper"]) >= 3
    assert contrast(colours[ring], colours["tint"]) >= 3
