"""Reading one typed cell as a value (step 3): yes/no in any working language, numbers typed with spaces or
commas, dates and times typed as text or stored as Excel serials. Pure; raises ``Unreadable`` with the message
to give when the cell says something else."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from pipeline.domain.raw import WINDOWS_1900
from pipeline.i18n import messages as m
from pipeline.i18n.messages.answers import RESP_NOT_A_DATE, RESP_NOT_A_NUMBER, RESP_NOT_WHOLE
from pipeline.i18n.messages.xlsform import RESP_NOT_A_DATETIME, RESP_NOT_A_TIME
from pipeline.i18n.translation import LANGUAGES, translate

YES_WORDS = ("yes", "y", "si", "sí", "s", "oui", "sim", "x", "true", "verdadero")
NO_WORDS = ("no", "n", "non", "não", "nao", "false", "falso")
NOT_APPLICABLE_WORDS = ("n/a", "na", "n.a.", "n. a.", "no aplica", "no aplicable", "not applicable",
                        "non applicable", "sans objet", "não se aplica", "nao aplicavel", "não aplicável")
DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T][\d:.]+)?$"),
)
TIME_PATTERN = re.compile(r"^(?P<h>\d{1,2})\s*[:hH.]\s*(?P<m>\d{2})(?:\s*:\s*(?P<s>\d{2}))?\s*(?P<ampm>[aApP]\.?\s*[mM]\.?)?$")
MOMENT_PATTERN = re.compile(r"^(?P<date>\S+)[\sT]+(?P<time>\d{1,2}\s*[:hH.]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*[aApP]\.?\s*[mM]\.?)?)$")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


class Unreadable(Exception):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@lru_cache(maxsize=8192)  # the same labels are folded for every answer of every return
def fold(text: str) -> str:
    """``text`` for comparison: trimmed, spaces collapsed, dashes unified, without case or accents."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(DASHES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


YES = frozenset(fold(w) for w in YES_WORDS) | {fold(translate(m.Q_YES, lang)) for lang in LANGUAGES}
NO = frozenset(fold(w) for w in NO_WORDS) | {fold(translate(m.Q_NO, lang)) for lang in LANGUAGES}
NA = frozenset(fold(w) for w in NOT_APPLICABLE_WORDS)
ACKNOWLEDGED = frozenset(fold(translate(m.Q_ACKNOWLEDGED, lang)) for lang in LANGUAGES)


def yes_no(value: object) -> bool | None:
    """True for yes, False for no (in any of the languages), None when it is neither."""
    if isinstance(value, bool):
        return value
    word = fold(as_text(value))
    return True if word in YES else False if word in NO else None


def number(value: object, whole: bool) -> int | float:
    """A number from a number cell or from text such as '1 995', '12,5', '1.234,5' or '1,234.5'."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise Unreadable(RESP_NOT_A_NUMBER, value=as_text(value))
    if isinstance(value, (int, float)):
        result: int | float = value
    else:
        text = SPACES.sub("", as_text(value)).translate(DASHES)
        if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*", text):
            raise Unreadable(RESP_NOT_A_NUMBER, value=as_text(value))
        last_comma, last_point = text.rfind(","), text.rfind(".")
        if last_comma >= 0 and last_point >= 0:  # the later mark is the decimal one
            thousands = "." if last_comma > last_point else ","
            text = text.replace(thousands, "").replace(",", ".")
        elif text.count(",") > 1 or text.count(".") > 1 or (whole and re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+", text)):
            text = text.replace(",", "").replace(".", "")  # thousands separators only
        else:
            text = text.replace(",", ".")
        try:
            result = float(text)
        except ValueError:
            raise Unreadable(RESP_NOT_A_NUMBER, value=as_text(value)) from None
    if whole:
        if float(result) != int(result):
            raise Unreadable(RESP_NOT_WHOLE, value=as_text(value))
        return int(result)
    return float(result)


def date(value: object, epoch: dt.date = WINDOWS_1900) -> dt.date:
    """A date from a date cell, an Excel serial number in the workbook's date system, or text
    typed as day/month/year or year-month-day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value >= 1 and float(value).is_integer() and value < 2_958_466:
            serial = int(value)
            if epoch == WINDOWS_1900 and serial < 60:  # Excel counts a 29 February 1900 that never was
                serial += 1
            return epoch + dt.timedelta(days=serial)
        raise Unreadable(RESP_NOT_A_DATE, value=as_text(value))
    text = as_text(value)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise Unreadable(RESP_NOT_A_DATE, value=text)


def time(value: object) -> dt.time:
    """A time from a time cell, a fraction of a day, or text typed as 14:30, 2:30 pm or 14h30."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = round(value * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    text = as_text(value)
    if (match := TIME_PATTERN.match(text)) is not None:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        if match["ampm"]:
            hour = hour % 12 + (12 if match["ampm"][0].lower() == "p" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise Unreadable(RESP_NOT_A_TIME, value=text)


def moment(value: object, epoch: dt.date = WINDOWS_1900) -> dt.datetime:
    """A date and time from a date-time cell, an Excel serial with its fraction of a day, or text typed as
    31/12/2026 14:30 or 2026-12-31T14:30 (a date alone is at midnight)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            whole = int(value)
            return dt.datetime.combine(date(whole, epoch), time(value - whole))
        text = as_text(value)
        if (match := MOMENT_PATTERN.match(text)) is not None:
            return dt.datetime.combine(date(match["date"]), time(match["time"]))
        return dt.datetime.combine(date(text), dt.time())
    except Unreadable:
        raise Unreadable(RESP_NOT_A_DATETIME, value=as_text(value)) from None


