"""Writing the built site: everything goes to a fresh folder that then replaces the old one, so
a failed build never leaves a half-written site."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from contextlib import contextmanager
from typing import Iterator

from .errors import SiteError, shown
from .site import Document, Site, StaticFile
from .urls import unescape_path


def destination(item: Document | StaticFile, dest: Path) -> str:
    """Where Jekyll writes `item`: the URL, with `index.html` for folders, plus the extension.
    The URL's `.`, `..` and doubled slashes are resolved as from the root, so that nothing
    lands outside `dest` (Jekyll's `in_dest_dir`). A string: a build makes one per file, and
    a `Path` costs more than writing a small file."""
    url = unescape_path(item.url)
    path = os.path.join(dest, posixpath.normpath("/" + url).lstrip("/"))
    if isinstance(item, StaticFile):
        return path
    if item.url.endswith("/"):   # as written, before `%2F` is decoded
        if not item.is_page:
            return os.path.join(path, "index.html")   # a document's, whatever its extension
        path = os.path.join(path, "index")
    if not path.endswith(item.output_ext):
        path += item.output_ext
    return path


class Staging:
    """The new output, written beside the destination and swapped in whole by `commit`, so a
    failed build never leaves a half-written site. Documents can be written as soon as they
    are rendered (in any worker process), the rest at the end."""

    def __init__(self, site: Site):
        self.site = site
        self.root = site.dest.parent / f".{site.dest.name}.sitegen-new"
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        items = site.files_to_write()
        self.streamed = {id(i) for i in items if isinstance(i, Document) and not i.is_page}

    def write_document(self, doc: Document) -> None:
        """Write one rendered collection document now (pages wait for `commit`)."""
        if id(doc) in self.streamed:
            target = destination(doc, self.root)
            with _located(doc):
                os.makedirs(os.path.dirname(target), exist_ok=True)
            _write_one(doc, target)

    def commit(self) -> list[str]:
        """Write what is left, keep `keep_files`, swap the new output in; the files written,
        from the destination. Where files share a destination, the last in Jekyll's order
        (pages, static files, documents) is the one written, with Jekyll's warning."""
        site = self.site
        every = site.files_to_write()
        targets = [destination(item, self.root) for item in every]
        sharing: dict[str, list[int]] = {}
        for index, target in enumerate(targets):
            sharing.setdefault(target, []).append(index)
        for target, indexes in sharing.items():
            if len(indexes) > 1:
                _warn_shared(str(site.dest) + target[len(str(self.root)):],
                             [every[i] for i in indexes], site.source)
        left = [i for i, target in enumerate(targets) if sharing[target][-1] == i and (
            id(every[i]) not in self.streamed or len(sharing[target]) > 1)]
        folders: dict[str, Document | StaticFile] = {}
        for i in left:
            folders.setdefault(os.path.dirname(targets[i]), every[i])
        try:
            for folder in sorted(folders):
                with _located(folders[folder]):
                    os.makedirs(folder, exist_ok=True)
            # Writing files is kernel work that overlaps well across threads.
            with ThreadPoolExecutor(WRITE_THREADS) as pool:
                list(pool.map(_write_one, [every[i] for i in left], [targets[i] for i in left]))
            _keep_files(site, site.dest, self.root)
        except BaseException:
            self.abort()
            raise
        replace_folder(self.root, site.dest, background=True)
        return [target[len(str(self.root)) + 1:] for target in sharing]

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


WRITE_THREADS = 4


def replace_folder(new: Path, target: Path, background: bool = False) -> None:
    """Put the folder `new` in the place of `target` by two renames, so that no reader ever
    sees half of either; the old folder is then removed (`background`: by a detached process,
    for thousands of files)."""
    old = target.parent / f".{target.name}.sitegen-old-{os.getpid()}-{time.monotonic_ns()}"
    if target.exists():
        target.rename(old)
    new.rename(target)
    if not old.exists():
        return
    if background:
        _remove_in_background(old)
    else:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _located(item: Document | StaticFile) -> Iterator[None]:
    """A file that cannot be written (a folder in the way, a NUL byte from `%00` in a URL) is
    the error of the file that wanted to be written there."""
    try:
        yield
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise SiteError(f"cannot write the output file for URL {item.url!r}: {reason}",
                        item.relative_path) from None


def _warn_shared(target: str, items: list[Document | StaticFile], source: Path) -> None:
    """Jekyll's `conflicting_urls` warning."""
    print(f"warning: conflict: {target} is the destination of more than one file; the last "
          "one is written:", file=sys.stderr)
    for item in items:
        print(f"  - {shown(item.path, source)}", file=sys.stderr)


def _write_one(item: Document | StaticFile, target: str) -> None:
    with _located(item):
        _write(item, target)


def _write(item: Document | StaticFile, target: str) -> None:
    if isinstance(item, StaticFile):
        shutil.copy2(item.path, target)
        return
    data = memoryview((item.output or "").encode("utf-8"))
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:
            data = data[os.write(handle, data):]
    finally:
        os.close(handle)


def _remove_in_background(path: Path) -> None:
    """The previous output is already out of the way; deleting thousands of files should not
    hold up the build, so a detached process does it."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def _keep_files(site: Site, dest: Path, staging: Path) -> None:
    """`keep_files` (e.g. `.git`) in the old destination survive the build, as in Jekyll."""
    if not dest.is_dir():
        return
    for name in site.config.get("keep_files") or []:
        kept = dest / str(name).strip("/")
        target = staging / str(name).strip("/")
        if kept.exists() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            if kept.is_dir():
                shutil.copytree(kept, target, symlinks=True)
            else:
                shutil.copy2(kept, target)
