"""The order Jekyll gives a collection's documents: Ruby's `sort` with `Document#<=>`.

`Document#<=>` compares dates, and paths when a date is missing (`nil <=> date` is nil) or
equal. A document without a date of its own has none yet when its collection is sorted, so
the comparison is not a total order (undated `i` comes after dated `a` by path, but before
`n`, which is dated earlier than `a`), and where such a document lands depends on the steps
of the sort itself. Ruby's `sort` is glibc's `qsort_r`, a top-down merge sort; doing the
same comparisons in the same order lands every document where Jekyll's does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Callable, TypeVar

from ..site import Document

T = TypeVar("T")


def ruby_sort(items: list[T], compare: Callable[[T, T], int]) -> list[T]:
    """Ruby's `sort` on glibc: a merge sort whose left half is the smaller one, taking from
    the left while `compare` gives ≤ 0."""
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    left, right = ruby_sort(items[:half], compare), ruby_sort(items[half:], compare)
    out: list[T] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if compare(left[i], right[j]) <= 0:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def sort_documents(docs: list[Document]) -> list[Document]:
    """`docs.sort` in Jekyll. When every document has a date of the same kind, or none has
    one (they compare by path), the order is total, so any sort gives Jekyll's (and Python's
    own is the fast one)."""
    if not any(d.dated for d in docs):
        return sorted(docs, key=lambda d: str(d.path).encode())
    if all(d.dated for d in docs) and \
            len({type(d.data.get("date")) for d in docs}) == 1 and \
            isinstance(docs[0].data.get("date"), date):
        try:
            return sorted(docs, key=lambda d: (d.data["date"], str(d.path).encode()))
        except TypeError:   # aware and naive datetimes: Ruby compares them, Python does not
            pass
    return ruby_sort(docs, document_order)


def sort_documents_by(docs: list[Document], key: str) -> list[Document]:
    """Jekyll's `sort_docs_by_key!`: by the `key` of the data, a document without it after
    one with it, and by `Document#<=>` where the values are equal or do not compare."""
    def compare(a: Document, b: Document) -> int:
        mine, theirs = sort_value(a, key), sort_value(b, key)
        if mine is None and theirs is not None:
            order: int | None = 1
        elif mine is not None and theirs is None:
            order = -1
        else:
            order = spaceship(mine, theirs)
        return document_order(a, b) if not order else order
    return ruby_sort(docs, compare)


def document_order(a: Document, b: Document) -> int:
    """Jekyll's `Document#<=>`: by date, else by path (as bytes, like Ruby's strings)."""
    order = spaceship(sort_value(a, "date"), sort_value(b, "date"))
    if not order:
        order = spaceship(str(a.path), str(b.path)) or 0
    return order


def sort_value(doc: Document, key: str) -> Any:
    """`data[key]` as it is when Jekyll sorts: no date yet where the build fills it in later."""
    if key == "date" and not doc.dated:
        return None
    return doc.data.get(key)


def spaceship(a: Any, b: Any) -> int | None:
    """Ruby's `<=>`; None where Ruby's answer is nil (values that cannot be compared). Values
    of other kinds are equal as `Object#<=>` finds them: the same object, or equal hashes (a
    page's hash is equal to another of the same page).
    An object whose class has `ruby_compare` (a document drop) orders itself."""
    if _number(a) and _number(b):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        a_bytes, b_bytes = a.encode(), b.encode()   # Ruby compares strings' bytes
        return (a_bytes > b_bytes) - (a_bytes < b_bytes)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b):
            order = spaceship(x, y)
            if order != 0:
                return order
        return (len(a) > len(b)) - (len(a) < len(b))
    if type(a) is type(b) and isinstance(a, date):   # two times, or two dates
        return (a > b) - (a < b)
    if hasattr(type(a), "ruby_compare"):
        return a.ruby_compare(b)
    return 0 if a is b or (isinstance(a, Mapping) and type(a) is type(b) and a == b) else None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


__all__ = ["ruby_sort", "sort_documents", "sort_documents_by", "document_order", "spaceship"]
