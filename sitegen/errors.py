"""Build errors that name the file, line and column, so a writer can jump straight to the fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SiteError(Exception):
    """One fatal problem with the site's input: what, where, and the offending line."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    source_line: str | None = None

    def __reduce__(self) -> tuple:
        # Errors cross process boundaries (parallel rendering); keep every field.
        return (type(self), (self.message, self.path, self.line, self.column, self.source_line))

    def __str__(self) -> str:
        where = self.path or "<site>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.source_line is not None:
            text += f"\n    {self.source_line.rstrip()}"
            if self.column is not None and self.column > 0:
                text += "\n    " + " " * (self.column - 1) + "^"
        return text


def shown(path: Path, root: Path) -> str:
    """How messages name a file: from the site's folder when it is in it, else in full."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def line_at(text: str, line: int) -> str | None:
    """The 1-based `line` of `text`, for quoting it in an error."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None
