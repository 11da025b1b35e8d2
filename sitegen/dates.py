"""Dates as Ruby handles them for Jekyll: `Time.parse` of front-matter strings, the site's time
zone, and Ruby's `strftime` (with its `%-d`, `%e`, `%^b`… that Python's lacks)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DATE_TIME = re.compile(
    r"^\s*(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*$", re.I)


def site_timezone(config: Mapping[str, Any]) -> tzinfo:
    """The zone Jekyll works in: `timezone:` from the config, else the machine's (as Ruby)."""
    name = config.get("timezone") or os.environ.get("TZ")
    if name:
        try:
            return ZoneInfo(str(name).lstrip(":"))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r}") from None
    localtime = Path("/etc/localtime")
    if localtime.exists():
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    return timezone.utc


def parse_date(value: Any, tz: tzinfo) -> datetime:
    """Jekyll's `Utils.parse_date`: any date-ish value as an aware time in the site's zone."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    text = str(value)
    match = _DATE_TIME.match(text)
    if not match:
        raise ValueError(f"invalid date '{text}'")
    g = match.groupdict()
    micro = int((g["f"] or "0")[:6].ljust(6, "0"))
    naive = datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0),
                     int(g["S"] or 0), micro)
    zone = g["z"]
    if not zone:
        return naive.replace(tzinfo=tz)
    return naive.replace(tzinfo=_offset(zone)).astimezone(tz)


def _offset(zone: str) -> tzinfo:
    if zone.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def to_time(value: Any, tz: tzinfo) -> datetime | None:
    """Liquid's `Utils.to_date`: times, dates, "now", epoch numbers and parseable strings."""
    if isinstance(value, datetime):
        return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz)
    text = str(value).strip()
    if text.lower() in ("now", "today"):
        return datetime.now(tz)
    if re.fullmatch(r"-?\d+", text):
        return datetime.fromtimestamp(int(text), tz)
    try:
        return parse_date(text, tz)
    except ValueError:
        return _parse_loose(text, tz)


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _parse_loose(text: str, tz: tzinfo) -> datetime | None:
    """A few human forms `Time.parse` also takes: "3 Jan 2020", "Jan 3, 2020 10:00"."""
    words = re.findall(r"[A-Za-z]+|\d+:\d+(?::\d+)?|\d+", text)
    month = next((_MONTHS.index(w[:3].lower()) + 1 for w in words
                  if w[:3].lower() in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    clock = next((w for w in words if ":" in w), None)
    if month is None or len(numbers) < 2:
        return None
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if n <= 31), None)
    if year is None or day is None:
        return None
    h, m, s = ([int(x) for x in clock.split(":")] + [0, 0])[:3] if clock else (0, 0, 0)
    try:
        return datetime(year, month, day, h, m, s, tzinfo=tz)
    except ValueError:
        return None


# --- Ruby's strftime -------------------------------------------------------------------------

_DIRECTIVE = re.compile(r"%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%])")
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_COMPOSITE = {"c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "F": "%Y-%m-%d", "r": "%I:%M:%S %p",
              "R": "%H:%M", "T": "%H:%M:%S", "x": "%m/%d/%y", "X": "%H:%M:%S", "v": "%e-%^b-%4Y",
              "h": "%b"}


def strftime(dt: datetime, fmt: str) -> str:
    """Ruby's `Time#strftime`, flags (`-_0^#`) and widths included."""
    return _DIRECTIVE.sub(lambda m: _directive(dt, *m.groups()), fmt)


def _directive(dt: datetime, flags: str, width: str, colons: str, conv: str) -> str:
    if conv in _COMPOSITE:
        text = strftime(dt, _COMPOSITE[conv])
        return _pad_text(text, flags, width)
    if conv == "%":
        return "%"
    if conv == "n":
        return "\n"
    if conv == "t":
        return "\t"
    if conv == "z":
        return _zone_offset(dt, flags, width, len(colons))
    if conv in ("L", "N"):
        return fractional(dt, conv, width)
    value = _numeric(dt, conv)
    if value is not None:
        number, default_width, default_pad = value
        return _pad_number(number, flags, width, default_width, default_pad)
    text = _textual(dt, conv)
    if text is None:
        return "%" + flags + width + colons + conv
    return _pad_text(text, flags, width)


def _numeric(dt: datetime, conv: str) -> tuple[int, int, str] | None:
    iso = dt.isocalendar()
    jan1 = dt.replace(month=1, day=1)
    yday = (dt.date() - jan1.date()).days
    table = {
        "Y": (dt.year, 1, "0"), "C": (dt.year // 100, 2, "0"), "y": (dt.year % 100, 2, "0"),
        "m": (dt.month, 2, "0"), "d": (dt.day, 2, "0"), "e": (dt.day, 2, " "),
        "j": (yday + 1, 3, "0"), "H": (dt.hour, 2, "0"), "k": (dt.hour, 2, " "),
        "I": ((dt.hour % 12) or 12, 2, "0"), "l": ((dt.hour % 12) or 12, 2, " "),
        "M": (dt.minute, 2, "0"), "S": (dt.second, 2, "0"),
        "u": (iso[2], 1, "0"), "w": ((dt.weekday() + 1) % 7, 1, "0"),
        "G": (iso[0], 4, "0"), "g": (iso[0] % 100, 2, "0"), "V": (iso[1], 2, "0"),
        "U": ((yday + 7 - ((dt.weekday() + 1) % 7)) // 7, 2, "0"),
        "W": ((yday + 7 - dt.weekday()) // 7, 2, "0"),
        "s": (int(dt.timestamp()), 1, "0"),
    }
    return table.get(conv)


def _textual(dt: datetime, conv: str) -> str | None:
    if conv == "A":
        return _DAYS[dt.weekday()]
    if conv == "a":
        return _DAYS[dt.weekday()][:3]
    if conv == "B":
        return _MONTH_NAMES[dt.month - 1]
    if conv == "b":
        return _MONTH_NAMES[dt.month - 1][:3]
    if conv == "p":
        return "AM" if dt.hour < 12 else "PM"
    if conv == "P":
        return "am" if dt.hour < 12 else "pm"
    if conv == "Z":
        # Ruby names zones it knows ("CET", "UTC"); a bare offset has no name.
        if isinstance(dt.tzinfo, timezone) and dt.utcoffset():
            return ""
        return dt.tzname() or ""
    return None


def _pad_number(number: int, flags: str, width: str, default_width: int, pad: str) -> str:
    if "-" in flags:
        return str(number)
    if "_" in flags:
        pad = " "
    elif "0" in flags:
        pad = "0"
    size = int(width) if width else default_width
    sign = "-" if number < 0 else ""
    digits = str(abs(number))
    if pad == "0":
        return sign + digits.rjust(size - len(sign), "0")
    return (sign + digits).rjust(size, " ")


def _pad_text(text: str, flags: str, width: str) -> str:
    if "^" in flags:
        text = text.upper()
    elif "#" in flags:
        text = text.swapcase() if not text.isupper() else text.lower()
    if width and "-" not in flags:
        text = text.rjust(int(width), "0" if "0" in flags else " ")
    return text


def _zone_offset(dt: datetime, flags: str, width: str, colons: int) -> str:
    offset = dt.utcoffset() or timedelta(0)
    total = int(offset.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    hours, minutes, seconds = total // 3600, (total % 3600) // 60, total % 60
    if colons == 1:
        return f"{sign}{hours:02d}:{minutes:02d}"
    if colons == 2:
        return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"
    text = f"{sign}{hours:02d}{minutes:02d}"
    if width and int(width) > len(text):
        text = sign + f"{hours:02d}{minutes:02d}".rjust(int(width) - 1, "0")
    return text


def fractional(dt: datetime, conv: str, width: str) -> str:
    """`%L` (milliseconds) and `%N` (nanoseconds, or as many digits as the width asks)."""
    digits = f"{dt.microsecond:06d}000"
    size = int(width) if width else (3 if conv == "L" else 9)
    return digits[:size].ljust(size, "0")


def xmlschema(dt: datetime) -> str:
    """Ruby's `Time#xmlschema`: seconds, and `Z` for UTC kept as UTC."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + _zone_offset(dt, "", "", 1)


def rfc822(dt: datetime) -> str:
    """Ruby's `Time#rfc822`: `Sat, 04 Jan 2020 10:00:00 +0100`."""
    return strftime(dt, "%a, %d %b %Y %H:%M:%S ") + _zone_offset(dt, "", "", 0)
