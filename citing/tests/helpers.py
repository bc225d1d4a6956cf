"""Reading the PDFs medlex sends, as a reader's PDF viewer would."""

import io

import pypdfium2
from pypdf import PdfReader


def pdf_pages(content):
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content):
    return "\n".join(pdf_pages(content))


def without_lines_naming(pages, words):
    """Each page's text without the lines that hold any of ``words`` (the footer's per-reader lines)."""
    return ["\n".join(line for line in page.splitlines() if not any(word in line for word in words)) for page in pages]


def first_page_picture(content, scale=1.5):
    """The first page of a PDF as a viewer draws it (PDFium, the engine of Chromium's viewer): a Pillow image.

    ``scale`` 1 is 72 pixels per inch; 1.5 keeps an A4 page's small print legible on a screen.
    """
    document = pypdfium2.PdfDocument(content)
    try:
        return document[0].render(scale=scale).to_pil()
    finally:
        document.close()
