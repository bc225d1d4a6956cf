"""Finding interface text left in English on a German page.

An English string of the interface is one of two things: a msgid of one of the
project's catalogues (``*/locale/de/LC_MESSAGES/django.po``) that came back as it
went in, or one of a list of English words no German page has any use for. Text
marked ``lang="en"`` (an English title, a WHO description, a machine-translated
section's original) and the content of an article (its sections' text, figures,
literature) are left out: they are content, not interface.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

# Content, not interface: the text of an article's sections, its figures, its
# literature and the sources cited by clinical functions and references.
CONTENT_CLASSES = {"section-text", "figure", "literature", "citations", "reference", "vancouver"}
CONTENT_TAGS = {"script", "style", "figure", "cite", "code", "pre"}
# Attributes a reader meets as text (read aloud, shown on hover, in a form).
TEXT_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# English words and phrases of an interface, as whole words, that no German page uses.
ENGLISH_UI = [
    "Log in",
    "Log out",
    "Sign in",
    "Sign In",
    "Sign up",
    "Sign Up",
    "Sign out",
    "Register",
    "Password",
    "Forgot",
    "Remember me",
    "Email",
    "E-mail address",
    "Search",
    "Suggestions",
    "Submit",
    "Cancel",
    "Save",
    "Delete",
    "Continue",
    "Next",
    "Previous",
    "Back to",
    "Show more",
    "Read more",
    "Last updated",
    "Contents",
    "Literature",
    "Related articles",
    "Professionals only",
    "Your account",
    "Account",
    "Home",
    "Menu",
    "Close",
    "Skip to",
    "Page not found",
    "Please",
    "required",
    "This field",
    "Read in English",
]


def untranslated_msgids(root):
    """The English msgids of the project's catalogues whose German text differs from them."""
    msgids = set()
    for po in [
        *Path(root).glob("locale/de/LC_MESSAGES/django.po"),
        *Path(root).glob("*/locale/de/LC_MESSAGES/django.po"),
    ]:
        msgids |= {msgid for msgid, msgstr in catalogue(po.read_text()) if msgstr != msgid}
    return msgids


def catalogue(text):
    """(msgid, msgstr) of each entry of a .po file; a fuzzy entry's msgstr counts as missing."""
    entries, entry, field, fuzzy = [], {}, None, False
    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line:
            if entry.get("msgid"):
                entries.append((entry["msgid"], "" if fuzzy else entry.get("msgstr", entry.get("msgstr[0]", ""))))
            entry, field, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            entry[field] += unquote(line)
        else:
            field, _space, value = line.partition(" ")
            entry[field] = unquote(value)
    return entries


def unquote(quoted):
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), quoted.strip()[1:-1])


def fragments(msgid):
    """The literal pieces of ``msgid`` a page shows verbatim: placeholders and markup split it."""
    pieces = re.split(r"%\(\w+\)[sdi]|%[sdi]|\{\w*\}|<[^>]*>", msgid)
    return [" ".join(piece.split()) for piece in pieces if len(piece.split()) >= 2 or piece.strip() == msgid.strip()]


class InterfaceText(HTMLParser):
    """The text nodes and readable attributes of a page, without content and without ``lang="en"``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts = [], []

    def skipping(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        skip = (
            tag in CONTENT_TAGS
            or bool(classes & CONTENT_CLASSES)
            or (attrs.get("lang") or "").startswith("en")
            or (tag == "meta" and attrs.get("name") != "description")
        )
        if not (skip or self.skipping()):
            self.texts += [attrs[a] for a in TEXT_ATTRIBUTES if attrs.get(a)]
            if tag == "meta":
                self.texts.append(attrs.get("content") or "")
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.texts.append(attrs.get("value") or "")
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping() and data.strip():
            self.texts.append(data)


def english_on_page(html, msgids):
    """Each English interface string found in ``html``: ``(string, where it comes from)``."""
    parser = InterfaceText()
    parser.feed(html)
    texts = [" ".join(text.split()) for text in parser.texts]
    joined = " | ".join(texts)
    found = set()
    for msgid in msgids:
        for piece in fragments(msgid):
            if len(piece.split()) >= 2:
                # The plain substring test first: a pattern that opens with a look-behind is tried at
                # every position of the page, and a crawl asks some 900 of them on each of its pages.
                if piece in joined and re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", joined):
                    found.add((piece, "catalogue"))
            elif piece in texts:
                found.add((piece, "catalogue"))
    for word in ENGLISH_UI:
        if word in joined and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", joined):
            found.add((word, "English interface word"))
    return sorted(found)
