"""Dates as Ruby handles them for Jekyll: `Time.parse` of front-matter strings, the site's time
zone, and Ruby's `strftime` (with the `%-d`, `%e`, `%^b`, `%:z`… that Python's lacks).

Times are aware datetimes. Ruby has three kinds of `Time`, told apart here by the tzinfo:
local (a `ZoneInfo`, named like "CET"), UTC (`timezone.utc`, named "UTC") and fixed offset (any
other `datetime.timezone`, which Ruby leaves unnamed). A YAML `Date` has its own (`DATE_ZONE`).
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# --- the site's zone ---------------------------------------------------------------------------


def site_timezone(config: Mapping[str, Any]) -> tzinfo:
    """The zone Jekyll works in: `timezone:` from the config (Jekyll sets `TZ` to it), else the
    process's own zone as Ruby sees it (`TZ`, then /etc/localtime)."""
    name = config.get("timezone") or os.environ.get("TZ")
    if name:
        return _zone_named(str(name).lstrip(":"))
    localtime = Path("/etc/localtime")
    if localtime.exists():
        with localtime.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    return ZoneInfo("UTC")


def _zone_named(name: str) -> tzinfo:
    # The C library (and so Ruby) runs an unknown TZ as UTC rather than failing.
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


class _DateZone(tzinfo):
    """The zone of a Ruby `Date`: offset zero, written "+00:00" by `%Z`."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return "+00:00"


DATE_ZONE = _DateZone()


def is_utc(dt: datetime) -> bool:
    """Ruby's `Time#utc?`: the time was made as UTC (not merely at offset zero)."""
    return dt.tzinfo is timezone.utc


# --- parsing -----------------------------------------------------------------------------------


def parse_date(value: str | date | datetime, tz: tzinfo) -> datetime:
    """Jekyll's `Utils.parse_date`: `Time.parse(value).localtime`, the site's zone standing in for
    the local one. Raises ValueError (Jekyll's InvalidDateError) when nothing can be read."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=tz)).astimezone(tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    day = _ISO_DAY.fullmatch(value) if isinstance(value, str) else None
    try:
        if day:   # every post's file name: what `parse_time` finds in it, without the search
            fields = {"year": int(day[1]), "mon": int(day[2]), "mday": int(day[3])}
            return _local(_naive(fields), tz).astimezone(tz)
        return parse_time(str(value), tz).astimezone(tz)
    except OverflowError:
        raise ValueError(f"date out of range: {value!r}") from None


def to_time(value: Any, tz: tzinfo, now: datetime | None = None) -> datetime | None:
    """Liquid's `Utils.to_date`: times as they are, "now"/"today", epoch numbers, and strings
    through `Time.parse` (keeping the zone written in them); None when none of those fits."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=DATE_ZONE)
    if isinstance(value, int) and not isinstance(value, bool):
        return _from_epoch(value, tz)
    if not isinstance(value, str) or value == "":
        return None
    text = value.lower()
    if text in ("now", "today"):
        return now or datetime.now(tz)
    if re.fullmatch(r"\d+", text):
        return _from_epoch(int(text), tz)
    try:
        return parse_time(value, tz, now)
    except ValueError:
        return None


def _from_epoch(seconds: int, tz: tzinfo) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, tz)
    except (OverflowError, OSError, ValueError):
        return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ZONE = r"(?P<zone>[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?|z\b|utc|gmt|ut\b|[a-z]{2,4}t\b)"
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<min>\d{2})(?::(?P<sec>\d{2})(?:[.,](?P<frac>\d+))?)?)?"
    r"(?:\s*(?P<mer>[ap])\.?m\b\.?)?(?:\s*" + _ZONE + r")?", re.I)
_CLOCK = re.compile(r"(?:\A|(?<=[\sT,]))(?=\d{1,2}(?::\d{2}|\s*[ap]\.?m\b))", re.I)
_NAMED_DATES = [  # Date._parse's "eu" (2 Jan 2020) and "us" (Jan 2, 2020) forms
    re.compile(r"\b(?P<mday>\d{1,2})(?:st|nd|rd|th)?\b[\s.,/-]*" + _MONTH +
               r"(?:[\s.,/-]*(?P<year>\d+)\b)?", re.I),
    re.compile(r"\b" + _MONTH + r"[\s.,/-]*(?P<mday>\d{1,2})(?:st|nd|rd|th)?\b"
               r"(?:[\s.,/-]*(?P<year>\d{3,})\b)?", re.I),
]
_NUMERIC_DATES = [  # "iso" a-b-c, "sla" a/b[/c], "dot" a.b.c: which part is which is s3e's call
    re.compile(r"([-+]?\d+)-(\d+)-(-?\d+)"),
    re.compile(r"(-?\d+)/\s*(\d+)(?:\D\s*(-?\d+))?"),
    re.compile(r"(-?\d+)\.\s*(\d+)\.\s*(-?\d+)"),
]
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ORDINAL_DATE = re.compile(r"\b(\d{4})-(\d{3})\b")


def parse_time(text: str, tz: tzinfo, now: datetime | None = None) -> datetime:
    """Ruby's `Time.parse` for the forms dates take on Jekyll sites (ISO 8601, RFC 2822, "Jan 2,
    2020 10:00 am", "2/1/2020"…): missing fields come from now, an offset that the local zone
    has at that moment keeps the time local, "UTC"/"Z" make it UTC, other offsets stay fixed."""
    fields = _parse_fields(text)
    if not fields:
        raise ValueError(f"no time information in {text!r}")
    return _make_time(fields, tz, now or datetime.now(tz))


def year_from_build_time(value: Any) -> bool:
    """Whether `parse_date` takes the year from the moment of building, as Ruby's `Time.parse`
    does for "June 21" or a typo such as "202O-06-21" (day 202 of this year): such a date, and
    the site, change with the year it is built in."""
    if not isinstance(value, str) or _ISO_DAY.fullmatch(value):
        return False
    fields = _parse_fields(value)
    return bool(fields) and "year" not in fields


def _parse_fields(text: str) -> dict[str, Any]:
    """`Date._parse`: the date part, the time of day, and, when no date form matched, the first
    run of digits read by its length (`parse_ddd`). A fresh dict of `_parsed_fields`."""
    return dict(_parsed_fields(text))


@functools.lru_cache(maxsize=4096)   # a front matter date is read, then asked whether it has a year
def _parsed_fields(text: str) -> tuple[tuple[str, Any], ...]:
    fields, rest = _date_fields(text)
    clock, rest = _time_fields(rest)
    fields.update(clock)
    if not any(key in fields for key in ("year", "mon", "mday")):
        fields.update(_digit_run(rest))
    return tuple(fields.items())


def _date_fields(text: str) -> tuple[dict[str, Any], str]:
    """The date part of `text` (as Date._parse finds it) and what is left of the text."""
    for form in _NAMED_DATES:
        match = form.search(text)
        if match:
            found = match.groupdict()
            fields: dict[str, Any] = {"mon": _month_number(found["mon"]),
                                      "mday": int(found["mday"])}
            if found["year"]:
                fields["year"] = _full_year(found["year"])
            return fields, _cut(text, match)
    for form in _NUMERIC_DATES[:1]:
        match = form.search(text)
        if match:
            return _s3e(*match.groups()), _cut(text, match)
    match = _ORDINAL_DATE.search(text)
    if match:
        day = date(int(match.group(1)), 1, 1) + timedelta(days=int(match.group(2)) - 1)
        return {"year": day.year, "mon": day.month, "mday": day.day}, _cut(text, match)
    for form in _NUMERIC_DATES[1:]:
        match = form.search(text)
        if match:
            return _s3e(*match.groups()), _cut(text, match)
    match = re.search(r"\b" + _MONTH, text, re.I)
    if match:
        return {"mon": _month_number(match.group("mon"))}, _cut(text, match)
    return {}, text


def _cut(text: str, match: re.Match) -> str:
    return text[:match.start()] + " " + text[match.end():]


def _s3e(y: str | None, m: str | None, d: str | None) -> dict[str, Any]:
    """Date._parse's `s3e`: year, month, day from three numbers in the order written, a part
    longer than two digits being the year wherever it stands."""
    if y and m and not d:
        y, m, d = None, y, m
    if y is None and d and len(d) > 2:
        y, d = d, None
    if m and len(m) > 2:
        y, m, d = m, d, y
    if d and len(d) > 2:
        y, d = d, y
    fields: dict[str, Any] = {}
    if y is not None:
        fields["year"] = _full_year(y)
    if m is not None:
        fields["mon"] = int(m)
    if d is not None:
        fields["mday"] = int(d)
    return fields


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _full_year(text: str) -> int:
    # Date._parse with completion: a two-digit year is in 1969–2068.
    year = int(text)
    if len(text) <= 2:
        year += 1900 if year >= 69 else 2000
    return year


_DIGIT_RUN = re.compile(r"([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?"
                        r"(?:\s*(z\b|[-+]\d{1,4}\b))?", re.I)
# parse_ddd's reading of a run of digits by its length: the fields in order, with their widths
_RUN_AS_DATE = {2: (("mday", 2),), 3: (("yday", 3),), 4: (("mon", 2), ("mday", 2)),
                5: (("year", 2), ("yday", 3)), 6: (("year", 2), ("mon", 2), ("mday", 2)),
                7: (("year", 4), ("yday", 3))}
_FROM_YEAR = (("year", 4), ("mon", 2), ("mday", 2), ("hour", 2), ("min", 2), ("sec", 2))
_FROM_SECOND = ("sec", "min", "hour", "mday", "mon", "year")


def _digit_run(text: str) -> dict[str, Any]:
    """Date._parse's last resort (`parse_ddd`): the first run of 2 to 14 digits, read by its
    length (3 digits are a day of the year), with an optional time, fraction and zone. A run
    followed by a fraction and no time is itself a time, read from its end."""
    match = _DIGIT_RUN.search(text)
    if match is None:
        return {}
    sign, digits, clock, fraction, zone = match.groups()
    as_time = clock is None and fraction is not None
    fields = _run_as_time(digits) if as_time else _run_as_date(digits)
    if "year" in fields:
        fields["year"] = _completed_year(-fields["year"] if sign == "-" else fields["year"],
                                         len(digits), as_time)
    if clock and len(clock) % 2 == 0:
        pairs = [int(clock[i:i + 2]) for i in range(0, len(clock), 2)]
        fields.update(zip(("sec", "min", "hour"), pairs[::-1]) if fraction is not None
                      else zip(("hour", "min", "sec"), pairs))
    if fraction is not None:
        fields["usec"] = int(fraction[:6].ljust(6, "0"))
    if zone:
        fields["zone"] = zone
    return fields


def _run_as_date(digits: str) -> dict[str, Any]:
    """parse_ddd's date reading: day, month and day, two-digit year…, or from a four-digit
    year to the second for 8 to 14 digits; nothing for 9, 11 or 13."""
    widths = _RUN_AS_DATE.get(len(digits)) or \
        (_FROM_YEAR[:len(digits) // 2 - 1] if len(digits) % 2 == 0 else ())
    fields, at = {}, 0
    for name, width in widths:
        fields[name], at = int(digits[at:at + width]), at + width
    return fields


def _run_as_time(digits: str) -> dict[str, Any]:
    """parse_ddd's time reading: second, minute, hour, day, month, year from the end, two
    digits each (a four-digit year in 14), the first one digit for 3, 5 and 7; nothing for 9,
    11 or 13."""
    if len(digits) > 8 and len(digits) % 2:
        return {}
    fields, end = {}, len(digits)
    for name in _FROM_SECOND:
        if end <= 0:
            break
        start = max(end - (4 if name == "year" and len(digits) == 14 else 2), 0)
        fields[name], end = int(digits[start:end]), start
    return fields


def _completed_year(year: int, length: int, as_time: bool) -> int:
    """Date._parse's completion of a year 0–99 to 1969–2068, which parse_ddd turns off for a
    run of 8 digits or more (except a 12-digit time)."""
    complete = length == 12 if as_time else length <= 7
    return year + (1900 if year >= 69 else 2000) if complete and 0 <= year <= 99 else year


def _time_fields(text: str) -> tuple[dict[str, Any], str]:
    for start in _CLOCK.finditer(text):
        match = _TIME.match(text, start.start())
        if match and (match.group("min") or match.group("mer")):
            return _clock(match.groupdict()), text[:match.start()] + text[match.end():]
    zone = re.search(r"(?:\s|^)" + _ZONE + r"\s*$", text, re.I)
    return ({"zone": zone.group("zone")} if zone else {}), text


def _clock(g: dict[str, str | None]) -> dict[str, Any]:
    hour = int(g["hour"] or 0)
    if g["mer"]:
        hour = hour % 12 + (12 if g["mer"].lower() == "p" else 0)
    fields: dict[str, Any] = {"hour": hour, "min": int(g["min"] or 0)}
    if g["sec"]:
        fields["sec"] = int(g["sec"])
    if g["frac"]:
        fields["usec"] = int(g["frac"][:6].ljust(6, "0"))
    if g["zone"]:
        fields["zone"] = g["zone"]
    return fields


_ORDER = ("year", "mon", "mday", "hour", "min", "sec", "usec")


def _make_time(fields: dict[str, Any], tz: tzinfo, now: datetime) -> datetime:
    """`Time.make_time`: fill the leading missing fields from now, the rest from the epoch."""
    zone = fields.get("zone")
    offset = zone_offset(zone, tz, fields.get("year", now.year)) if zone else None
    if offset is not None:
        now = now.astimezone(timezone(timedelta(seconds=offset)))
    if not any(key in fields for key in (*_ORDER, "yday")):
        raise ValueError("no time information")
    if "yday" in fields:
        fields.update(_day_of_year(fields.pop("yday"), fields.get("year", now.year)))
    for key in _ORDER:
        if key in fields:
            break
        fields[key] = getattr(now, {"mon": "month", "mday": "day", "min": "minute",
                                    "sec": "second", "usec": "microsecond"}.get(key, key))
    naive = _naive(fields)
    if offset is None:
        return _local(naive, tz)
    aware = naive.replace(tzinfo=timezone(timedelta(seconds=offset)))
    if re.fullmatch(r"-00:?00|-00|utc|z|ut", zone or "", re.I):
        return aware.astimezone(timezone.utc)
    local = aware.astimezone(tz)
    return local if local.utcoffset() == aware.utcoffset() else aware


def _day_of_year(yday: int, year: int) -> dict[str, int]:
    """`Time.make_time`'s `yday`: the month and day of that day of the year."""
    day = date(year, 1, 1) + timedelta(days=yday - 1) if 1 <= yday <= 366 else None
    if day is None or day.year != year:
        raise ValueError(f"yday {yday} out of range")
    return {"year": year, "mon": day.month, "mday": day.day}


def _naive(f: dict[str, Any]) -> datetime:
    """`Time.utc`/`Time.local` arithmetic: a day 29–31 past the month's end and hour 24 roll
    over."""
    year, mon, mday = f.get("year", 1970), f.get("mon", 1), f.get("mday", 1)
    hour, minute, sec = f.get("hour", 0), f.get("min", 0), f.get("sec", 0)
    if not (1 <= mon <= 12 and 1 <= mday <= 31 and 0 <= hour <= 24 and minute <= 59 and
            sec <= 60) or (hour == 24 and (minute or sec)):
        raise ValueError("argument out of range")
    base = datetime(year, mon, 1)
    return base + timedelta(days=mday - 1, hours=hour, minutes=minute, seconds=sec,
                            microseconds=f.get("usec", 0))


def _local(naive: datetime, tz: tzinfo) -> datetime:
    """`Time.local`: a wall time that happens twice is the later one (standard time), one in a
    DST gap moves forward by the gap."""
    later = naive.replace(tzinfo=tz, fold=1).astimezone(timezone.utc).astimezone(tz)
    if later.replace(tzinfo=None) == naive:
        return later
    return naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc).astimezone(tz)


_ZONE_HOURS = {"UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
               "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}


def zone_offset(zone: str, tz: tzinfo, year: int) -> int | None:
    """`Time.zone_offset`: seconds east of UTC for "+01:00", "+0100", "+01", "PST"…, or for the
    local zone's own abbreviation in January or July."""
    zone = zone.upper()
    match = re.fullmatch(r"([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?", zone)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return sign * (int(match.group(2)) * 3600 + int(match.group(4)) * 60 +
                       int(match.group(5) or 0))
    if re.fullmatch(r"[+-]\d\d", zone):
        return int(zone) * 3600
    if zone in _ZONE_HOURS:
        return _ZONE_HOURS[zone] * 3600
    for month in (1, 7):
        moment = datetime(year, month, 1, tzinfo=tz)
        if (moment.tzname() or "").upper() == zone:
            return int(moment.utcoffset().total_seconds())
    return None


# --- Ruby's Time methods -----------------------------------------------------------------------


def time_to_s(dt: datetime) -> str:
    """Ruby's `Time#to_s`."""
    return strftime(dt, "%Y-%m-%d %H:%M:%S UTC" if is_utc(dt) else "%Y-%m-%d %H:%M:%S %z")


def xmlschema(dt: datetime) -> str:
    """Ruby's `Time#xmlschema`: `Z` only for a UTC time, an offset for a local one."""
    return strftime(dt, "%Y-%m-%dT%H:%M:%S") + ("Z" if is_utc(dt) else strftime(dt, "%:z"))


def rfc822(dt: datetime) -> str:
    """Ruby's `Time#rfc2822`: `Sat, 04 Jan 2020 10:00:00 +0100` (`-0000` for UTC)."""
    return strftime(dt, "%a, %d %b %Y %H:%M:%S ") + ("-0000" if is_utc(dt) else
                                                      strftime(dt, "%z"))


# --- Ruby's strftime ---------------------------------------------------------------------------

_DIRECTIVE = re.compile(r"%([-_0^#:]*)(\d*)([-_0^#:]*)([EO]?)(.?)", re.S)
_DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_COMPOSITE = {"c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "F": "%Y-%m-%d",
              "r": "%I:%M:%S %p", "R": "%H:%M", "T": "%H:%M:%S", "x": "%m/%d/%y",
              "X": "%H:%M:%S", "v": "%e-%^b-%4Y"}
_E_OK, _O_OK = set("cCxXyY"), set("deHkIlmMSuUVwWy")


class _Spec:
    """One parsed directive: flags, width (0 when absent) and the number of colons."""

    def __init__(self, flags: str, width: str):
        self.flags = flags
        self.width = int(width) if width else 0
        self.colons = flags.count(":")
        self.left = "-" in flags
        self.pad = {"_": " ", "0": "0", "": ""}[next((c for c in reversed(flags) if c in "_0"),
                                                     "")]
        self.upper = "^" in flags
        self.chcase = "#" in flags


def strftime(dt: datetime, fmt: str) -> str:
    """Ruby's `Time#strftime`, flags (`-_0^#:`), widths and `E`/`O` modifiers included;
    an unknown directive is written as it stands, a `%` ending the format is an error."""
    return "".join(piece if isinstance(piece, str) else _directive(dt, *piece)
                   for piece in _pieces(fmt))


@functools.lru_cache(maxsize=256)
def _pieces(fmt: str) -> tuple[str | tuple[re.Match, _Spec], ...]:
    """A format cut into its text and its parsed directives, once per format (a site formats
    every post's date with the same few)."""
    pieces: list[str | tuple[re.Match, _Spec]] = []
    start = 0
    for match in _DIRECTIVE.finditer(fmt):
        pieces += [fmt[start:match.start()], (match, _Spec(match[1] + match[3], match[2]))]
        start = match.end()
    pieces.append(fmt[start:])
    return tuple(pieces)


def _directive(dt: datetime, match: re.Match, spec: _Spec) -> str:
    modifier, conv = match[4], match[5]
    if not conv and not (spec.colons or modifier):
        raise ValueError(f"invalid format: {match.string}")
    if (modifier == "E" and conv not in _E_OK) or \
            (modifier == "O" and conv not in _O_OK) or (spec.colons and conv != "z"):
        return match.group(0)
    if conv == "z":
        return _zone(dt, spec)
    if conv in _COMPOSITE:
        return _composite(dt, conv, spec)
    if conv in _NUMBERS:
        return _pad_number(*_NUMBERS[conv](dt), spec)
    if conv in "LN":
        return _fraction(dt, conv, spec)
    text = _text(dt, conv, spec)
    return match.group(0) if text is None else _pad_text(text, spec)


def _composite(dt: datetime, conv: str, spec: _Spec) -> str:
    text = strftime(dt, _COMPOSITE[conv])
    if spec.upper:
        text = text.upper()
    return _pad_text(text, spec)


def _week_of_year(dt: datetime, first_weekday: int) -> int:
    yday = dt.timetuple().tm_yday - 1
    wday = (dt.isoweekday() - first_weekday) % 7
    return (yday + 7 - wday) // 7


def _epoch_seconds(dt: datetime) -> int:
    delta = dt - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return delta.days * 86400 + delta.seconds


def _year_width(year: int) -> int:
    return 4 if year >= 0 else 5


# Numeric directives: value, default width, default padding.
_NUMBERS: dict[str, Any] = {
    "Y": lambda dt: (dt.year, _year_width(dt.year), "0"),
    "G": lambda dt: (dt.isocalendar()[0], _year_width(dt.isocalendar()[0]), "0"),
    "g": lambda dt: (dt.isocalendar()[0] % 100, 2, "0"),
    "C": lambda dt: (dt.year // 100, 2, "0"),
    "y": lambda dt: (dt.year % 100, 2, "0"),
    "V": lambda dt: (dt.isocalendar()[1], 2, "0"),
    "m": lambda dt: (dt.month, 2, "0"),
    "d": lambda dt: (dt.day, 2, "0"),
    "e": lambda dt: (dt.day, 2, " "),
    "j": lambda dt: (dt.timetuple().tm_yday, 3, "0"),
    "H": lambda dt: (dt.hour, 2, "0"),
    "k": lambda dt: (dt.hour, 2, " "),
    "I": lambda dt: (dt.hour % 12 or 12, 2, "0"),
    "l": lambda dt: (dt.hour % 12 or 12, 2, " "),
    "M": lambda dt: (dt.minute, 2, "0"),
    "S": lambda dt: (dt.second, 2, "0"),
    "u": lambda dt: (dt.isoweekday(), 1, "0"),
    "w": lambda dt: (dt.isoweekday() % 7, 1, "0"),
    "U": lambda dt: (_week_of_year(dt, 7), 2, "0"),
    "W": lambda dt: (_week_of_year(dt, 1), 2, "0"),
    "s": lambda dt: (_epoch_seconds(dt), 1, "0"),
}


def _text(dt: datetime, conv: str, spec: _Spec) -> str | None:
    names = {"A": _DAY_NAMES[dt.isoweekday() % 7], "a": _DAY_NAMES[dt.isoweekday() % 7][:3],
             "B": _MONTH_NAMES[dt.month - 1], "b": _MONTH_NAMES[dt.month - 1][:3],
             "h": _MONTH_NAMES[dt.month - 1][:3]}
    if conv in names:
        return names[conv].upper() if spec.upper or spec.chcase else names[conv]
    if conv in "pP":
        # `#` swaps the case each one is written in; `^` upcases both.
        text = "AM" if dt.hour < 12 else "PM"
        lower = (conv == "P") != spec.chcase and not spec.upper
        return text.lower() if lower else text
    if conv == "Z":
        text = zone_name(dt)
        return text.lower() if spec.chcase else text.upper() if spec.upper else text
    return {"%": "%", "n": "\n", "t": "\t"}.get(conv)


def zone_name(dt: datetime) -> str:
    """What `%Z` writes: the zone's abbreviation; nothing for a fixed offset."""
    if is_utc(dt):
        return "UTC"
    if isinstance(dt.tzinfo, timezone):
        return ""
    return dt.tzname() or ""


def _pad_number(number: int, width: int, pad: str, spec: _Spec) -> str:
    if spec.left:
        return str(number)
    width = spec.width or width
    pad = spec.pad or pad
    if pad == "0":
        sign = "-" if number < 0 else ""
        return sign + str(abs(number)).rjust(width - len(sign), "0")
    return str(number).rjust(width)


def _pad_text(text: str, spec: _Spec) -> str:
    if spec.left or len(text) >= spec.width:
        return text
    return text.rjust(spec.width, "0" if spec.pad == "0" else " ")


def _fraction(dt: datetime, conv: str, spec: _Spec) -> str:
    """`%L` (milliseconds) and `%N` (nanoseconds): a width is a number of digits, cut not
    rounded."""
    digits = spec.width or (3 if conv == "L" else 9)
    return f"{dt.microsecond:06d}".ljust(digits, "0")[:digits]


def _zone(dt: datetime, spec: _Spec) -> str:
    """`%z`, `%:z`, `%::z`, `%:::z`: the offset, its hours padded to what the width leaves."""
    if spec.colons > 3:
        return "%" + spec.flags + "z"
    offset = int((dt.utcoffset() or timedelta(0)).total_seconds())
    sign, off = ("-", -offset) if offset < 0 else ("+", offset)
    hours, minutes, seconds = off // 3600, off % 3600 // 60, off % 60
    colons = spec.colons
    if colons == 3:
        colons = 0 if off % 3600 == 0 else 1 if off % 60 == 0 else 2
        tail = ["", f":{minutes:02d}", f":{minutes:02d}:{seconds:02d}"][colons]
        fixed = 1 + len(tail)
    else:
        tail = [f"{minutes:02d}", f":{minutes:02d}", f":{minutes:02d}:{seconds:02d}"][colons]
        fixed = 1 + len(tail)
    digits = max(2, spec.width - fixed) if spec.width else 2
    if spec.pad == " ":
        head = (sign + str(hours)).rjust(digits + 1)
    else:
        head = sign + str(hours).rjust(digits, "0")
    return head + tail
