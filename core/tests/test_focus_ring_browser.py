"""The keyboard focus is visible: every element the Tab key reaches gets an outline of at
least 3:1 contrast against what surrounds it (WCAG 2.2, 1.4.11 and 2.4.13)."""

import pytest

pytestmark = pytest.mark.browser

# The outline, and the colour of the first ancestor with a background (the outline lies
# outside the element, over its surroundings), as the browser computes them.
FOCUS_RING = """() => {
  const element = document.activeElement;
  if (element === document.body) return null;  // past the last element, before the first again
  const style = getComputedStyle(element);
  let around = element.parentElement, background = "rgb(255, 255, 255)";
  for (; around; around = around.parentElement) {
    const colour = getComputedStyle(around).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
  }
  return {name: element.outerHTML.slice(0, 80), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          outline: style.outlineColor, background};
}"""


def luminance(rgb):
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("path", ["/en/", "/de/cno-syndrom/", "/en/accounts/signup/"])
def test_every_element_the_tab_key_reaches_has_a_focus_ring_of_three_to_one(site_server, browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_server.url + path)
    problems = []
    for _ in range(25):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            continue
        if ring["style"] == "none" or ring["width"] < 2:
            problems.append(f"{ring['name']}: no outline")
        elif contrast(ring["outline"], ring["background"]) < 3:
            problems.append(f"{ring['name']}: {ring['outline']} on {ring['background']}")
    page.close()
    assert not problems, "\n".join(problems)
