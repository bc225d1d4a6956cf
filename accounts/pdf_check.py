"""The check of uploaded PDFs, run as a process of its own with limits on CPU time and memory.

pypdf parses in Python, and some hostile files cost it far more than their size
suggests (an object stream that unpacks to megabytes of blanks costs about a second
per stream); no parser setting bounds the total. The operating system does:
``accounts.documents`` starts this file with ``python -I`` for all PDFs of one
submission, and it sets its own CPU and memory limits before reading them. Nothing
from the project is imported here, so the check runs without settings or database.

Every object reachable from the trailer is read (catalog, pages, annotations, name
trees, form, outlines, ...). The parser has already decoded name escapes, so
``/#4Aava#53cript`` arrives here as ``/JavaScript``. A PDF that passes is written anew
by pypdf, so what is stored holds exactly the objects that were checked: nothing
appended after the end, nothing from an older revision, no second reading of the file.

Input on stdin: one JSON line ``{"cpu_seconds", "memory_bytes", "max_pages",
"max_objects", "sizes"}`` followed by the files, one after the other. Output on stdout,
per file in order: one JSON line, ``{"problem": CODE}`` or ``{"size": n}`` followed by
the n bytes of the rewritten PDF. A file without an answer ran out of time or memory.
"""

import io
import json
import resource
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Keys whose dictionary value is an action (when it has an /S).
ACTION_KEYS = {"/A", "/PA", "/Next", "/OpenAction"}
# Every action kind of ISO 32000-2 (12.6.4); only /GoTo and plain /URI links pass.
ACTION_KINDS = {
    "/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide", "/Named",
    "/SubmitForm", "/ResetForm", "/ImportData", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript",
    "/RichMediaExecute",
}  # fmt: skip
SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
# Keys that hold scripts, automatic actions, XFA forms or multimedia players.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA", "/RichMediaContent", "/RichMediaSettings"}
ACTIVE_SUBTYPES = {"/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
ATTACHMENT_KEYS = {"/EmbeddedFiles", "/EF"}


def entry(dictionary, key):
    """The value of ``key`` with an indirect reference followed, as a viewer would."""
    return dictionary.get(key)


class Refused(Exception):
    def __init__(self, code):
        self.code = code


class Budget:
    """How many objects the whole submission may still cost."""

    def __init__(self, objects):
        self.objects = objects

    def spend(self):
        self.objects -= 1
        if self.objects < 0:
            raise Refused("complex")


def is_harmless_action(action, via):
    """Moving to a page, or a web or mail link the reader has to click."""
    kind = entry(action, "/S")
    if kind == "/GoTo":
        return True
    if kind == "/URI" and via != "/OpenAction":
        uri = entry(action, "/URI")
        text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri or "")
        return text.strip().lower().startswith(SAFE_URI_SCHEMES)
    return False


def check_dictionary(dictionary, via):
    keys, kind_of, subtype = set(dictionary.keys()), entry(dictionary, "/Type"), entry(dictionary, "/Subtype")
    if keys & ATTACHMENT_KEYS or kind_of == "/EmbeddedFile" or subtype == "/FileAttachment":
        raise Refused("attachment")
    if keys & ACTIVE_KEYS or subtype in ACTIVE_SUBTYPES:
        raise Refused("active")
    kind = entry(dictionary, "/S")
    is_action = kind_of == "/Action" or (via in ACTION_KEYS and kind is not None) or kind in ACTION_KINDS
    if is_action and not is_harmless_action(dictionary, via):
        raise Refused("active")


def walk(reader, budget, max_pages):
    """Check every object reachable from the trailer; return the number of pages."""
    seen, page_kids, pages = set(), set(), 0
    stack = [(None, reader.trailer)]
    while stack:
        via, value = stack.pop()
        budget.spend()
        if isinstance(value, IndirectObject):
            reference = (value.idnum, value.generation)
            if reference in seen:
                continue
            seen.add(reference)
            value = value.get_object()
        if isinstance(value, DictionaryObject):  # stream objects too; their data is never decoded
            check_dictionary(value, via)
            kind_of = entry(value, "/Type")
            if kind_of == "/Page":
                pages += 1
                if pages > max_pages:
                    raise Refused("pages")
            elif kind_of == "/Pages":
                # A page tree is a tree: a page listed twice would multiply the work of every later step.
                kids = entry(value, "/Kids")
                for kid in kids if isinstance(kids, ArrayObject) else []:
                    if isinstance(kid, IndirectObject):
                        if (kid.idnum, kid.generation) in page_kids:
                            raise Refused("damaged")
                        page_kids.add((kid.idnum, kid.generation))
            stack.extend(value.items())
        elif isinstance(value, ArrayObject):
            stack.extend((via, item) for item in value)
    return pages


def check(data, budget, max_pages):
    """The rewritten PDF, or raise Refused."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Refused("encrypted")
        if walk(reader, budget, max_pages) == 0 or len(reader.pages) == 0:
            raise Refused("no_pages")
        writer = PdfWriter(clone_from=reader)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (Refused, MemoryError):
        raise
    except Exception as error:  # anything pypdf cannot read is a file we cannot check
        raise Refused("damaged") from error


def lower_limit(kind, soft, hard):
    """Lower a resource limit, never above a hard limit the process already has."""
    current = resource.getrlimit(kind)[1]
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(kind, (soft, hard))


def main():
    header = json.loads(sys.stdin.buffer.readline())
    cpu = header["cpu_seconds"]
    lower_limit(resource.RLIMIT_CORE, 0, 0)
    # Past the soft limit the kernel sends SIGXCPU, past the hard one SIGKILL.
    lower_limit(resource.RLIMIT_CPU, cpu, cpu + 1)
    lower_limit(resource.RLIMIT_AS, header["memory_bytes"], header["memory_bytes"])
    budget = Budget(header["max_objects"])
    out = sys.stdout.buffer
    for size in header["sizes"]:
        data = sys.stdin.buffer.read(size)
        try:
            clean = check(data, budget, header["max_pages"])
        except Refused as refused:
            out.write(json.dumps({"problem": refused.code}).encode() + b"\n")
        else:
            out.write(json.dumps({"size": len(clean)}).encode() + b"\n" + clean)
        out.flush()


if __name__ == "__main__":
    main()
