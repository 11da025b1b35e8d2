"""Watching the source with watchdog: bursts of editor events become one set of changed paths."""

from __future__ import annotations

import asyncio
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# Editors' temporary and lock files: vim's swap files and its 4913 probe, emacs' .#locks…
IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".part")
IGNORED_NAMES = {"4913", ".DS_Store"}
IGNORED_DIRS = {".git", ".jekyll-cache", ".sass-cache", "node_modules", "__pycache__", ".venv",
                ".pytest_cache", ".sitegen-cache"}


def ignored(path: Path, source: Path, dest: Path) -> bool:
    """Changes that cannot change the site (or that the build itself makes)."""
    try:
        path.relative_to(dest)
        return True
    except ValueError:
        pass
    try:
        parts = path.relative_to(source).parts
    except ValueError:
        return True
    if any(p in IGNORED_DIRS or p.startswith(f".{dest.name}.sitegen-") for p in parts):
        return True
    if parts[:2] == ("assets", "models") and len(parts) > 2 and parts[2].startswith("."):
        return True     # a model conversion's scratch folder; the swapped-in bundle counts
    name = path.name
    return name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES) or name.startswith(".#")


class _Handler(FileSystemEventHandler):
    def __init__(self, loop: asyncio.AbstractEventLoop, queue: "asyncio.Queue[Path]",
                 source: Path, dest: Path):
        self.loop, self.queue, self.source, self.dest = loop, queue, source, dest

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return   # a folder's mtime changes with every file saved in it
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            if raw:
                path = Path(str(raw))
                if not ignored(path, self.source, self.dest):
                    self.loop.call_soon_threadsafe(self.queue.put_nowait, path)


class Watcher:
    """Reports changed source paths, `debounce` seconds after the last event of a burst."""

    def __init__(self, source: Path, dest: Path, debounce: float = 0.05):
        self.source, self.dest, self.debounce = source.resolve(), dest.resolve(), debounce
        self.queue: asyncio.Queue[Path] = asyncio.Queue()
        self.observer = Observer()

    def start(self) -> None:
        handler = _Handler(asyncio.get_running_loop(), self.queue, self.source, self.dest)
        self.observer.schedule(handler, str(self.source), recursive=True)
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=2)

    async def changes(self) -> set[Path]:
        """The next burst of changes."""
        changed = {await self.queue.get()}
        while True:
            try:
                changed.add(await asyncio.wait_for(self.queue.get(), self.debounce))
            except asyncio.TimeoutError:
                return changed
