"""Languages, message translation and locale formatting.

User-facing text is written in English in the code, marked with ``N_`` so that
Babel extracts it, and translated at the edge with ``translate``. Catalogs live
in ``pipeline/locale/<lang>/LC_MESSAGES/mecigep.po``; ``python -m pipeline.i18n
compile`` turns them into ``.mo`` files, and a missing ``.mo`` is read straight
from its ``.po`` so that a fresh checkout still speaks every language.
"""
from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
import re
import string
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

LANGUAGES = ("es", "en", "pt", "fr")
DEFAULT_LANGUAGE = "es"
DOMAIN = "mecigep"
LOCALE_DIR = Path(__file__).parent / "locale"


class Msgid(str):
    """A catalog message. Passed as a parameter of another message, it is translated too."""


class PluralMsgid(Msgid):
    """A catalog message that depends on a number: its singular (the string itself) and plural English forms, and
    the parameter whose value chooses the form in each language (gettext's plural forms)."""

    plural: str
    number: str

    def __new__(cls, singular: str, plural: str, number: str = "count") -> "PluralMsgid":
        made = super().__new__(cls, singular)
        made.plural, made.number = plural, number
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # crosses to the inbox's reader process like a plain Msgid
        return (PluralMsgid, (str(self), self.plural, self.number))


# Every message with plural forms, and every message whose numbers are shown through one, by its English text: a
# message that lost its type on the way (a pydantic ``str`` field, a copy) is still said in the right form.
_PLURALS: dict[str, PluralMsgid] = {}
_COUNTS: dict[str, dict[str, PluralMsgid]] = {}


def N_(message: str, **counts: PluralMsgid) -> Msgid:
    """Marks ``message`` for extraction; returns it as a Msgid. Each of ``counts`` names a parameter holding a number
    that is shown through a message with plural forms: ``N_("{changes} and {comments}.", changes=CHANGES, …)``."""
    if counts:
        _COUNTS[message] = counts
    return Msgid(message)


def NP_(singular: str, plural: str, number: str = "count", **counts: PluralMsgid) -> PluralMsgid:
    """Marks a message with plural forms for extraction: ``NP_("{count} problem", "{count} problems")``; the value of
    the parameter ``number`` chooses the form when it is translated (``counts`` as for ``N_``)."""
    made = _PLURALS[singular] = PluralMsgid(singular, plural, number)
    if counts:
        _COUNTS[singular] = counts
    return made


def plural_of(message: str) -> PluralMsgid | None:
    """The message with plural forms whose singular is ``message``; None when it has none."""
    return message if isinstance(message, PluralMsgid) else _PLURALS.get(message)


def counted_parameters(message: str) -> dict[str, PluralMsgid]:
    """The parameters of ``message`` whose numbers are shown through a message with plural forms."""
    return _COUNTS.get(message, {})


class Phrase:
    """A parameter that shows itself in the language of the message it fills: a label given in several languages, a
    country's name with its article, a question named by its number and text, a counted noun. In a catalogue's
    translation, ``{name:form}`` asks for one of its forms (``{country:of}`` gives "del Perú", "do Brasil", "du
    Canada"); the forms each kind knows are in its ``text``."""

    def text(self, lang: str, form: str = "") -> str:
        raise NotImplementedError


class Counted(Phrase):
    """A number with the noun it counts, said in the plural form its language gives that number."""

    def __init__(self, message: PluralMsgid, count: int) -> None:
        self.message, self.count = message, count

    def text(self, lang: str, form: str = "") -> str:
        return translate(self.message, lang, **{self.message.number: self.count})

    def __reduce__(self) -> tuple[Any, ...]:
        return (Counted, (self.message, self.count))


class Texts(Phrase):
    """A text written in several languages (a framework's label, a choice's label): shown in the message's language,
    else in ``default``, else in any; ``fallback`` when it has none."""

    def __init__(self, texts: Mapping[str, str], default: str = DEFAULT_LANGUAGE, fallback: str = "") -> None:
        self.texts, self.default, self.fallback = dict(texts), default, fallback

    def text(self, lang: str, form: str = "") -> str:
        found = self.texts.get(normalise_language(lang)) or self.texts.get(self.default)
        return found or next((t for t in self.texts.values() if t), self.fallback)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Texts, (self.texts, self.default, self.fallback))


class _Shown:
    """A Phrase bound to the language of the message it fills, for ``str.format`` (which passes the form)."""

    def __init__(self, phrase: Phrase, lang: str) -> None:
        self.phrase, self.lang = phrase, lang

    def __format__(self, form: str) -> str:
        return self.phrase.text(self.lang, form)

    def __str__(self) -> str:
        return self.phrase.text(self.lang)


@lru_cache(maxsize=256)  # asked for every label a document prints
def normalise_language(lang: str | None) -> str:
    """Returns one of LANGUAGES for ``lang`` ('es', 'es_MX', 'Español (es)', 'EN'); None means the default."""
    if not lang:
        return DEFAULT_LANGUAGE
    text = lang.strip().lower()
    if "(" in text and text.endswith(")"):
        text = text[text.rindex("(") + 1 : -1]
    text = text.replace("-", "_").split("_")[0]
    return text if text in LANGUAGES else DEFAULT_LANGUAGE


def is_language(lang: str) -> bool:
    return lang.strip().lower() in LANGUAGES


def cli_language(argv: list[str] | None = None) -> str:
    """The language asked for on the command line (``--lang``), else MECIGEP_LANG, else Spanish."""
    argv = sys.argv if argv is None else argv
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return normalise_language(argv[i + 1])
        if arg.startswith("--lang="):
            return normalise_language(arg.split("=", 1)[1])
    return normalise_language(os.environ.get("MECIGEP_LANG"))


@lru_cache(maxsize=None)
def _catalog(lang: str) -> _gettext.NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.exists():
        return _PoTranslations(po)
    return _gettext.NullTranslations()


class _PoTranslations(_gettext.NullTranslations):
    """Reads a .po file through Babel when no compiled catalog is there."""

    def __init__(self, po: Path) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle)
        self._messages = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
        self._plurals = {m.id[0]: m.string for m in catalog if isinstance(m.id, tuple) and all(m.string) and not m.fuzzy}
        self._form = _gettext.c2py(catalog.plural_expr)

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)  # type: ignore[no-any-return]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self._plurals.get(singular)
        if forms is None:
            return singular if n == 1 else plural
        return forms[min(self._form(n), len(forms) - 1)]  # type: ignore[no-any-return]


def translate(message: str, lang: str | None = None, /, **params: Any) -> str:
    """Returns ``message`` in ``lang``, with ``params`` filled in. A message with plural forms takes the form its
    number parameter asks for in that language; a number shown through a counted message (``N_(…, name=COUNTED)``)
    is said with its noun; a Phrase shows itself in ``lang``; numbers and dates are written as ``lang`` writes them."""
    lang = normalise_language(lang)
    catalog = _catalog(lang)
    plural = plural_of(message)
    if plural is not None:
        text = catalog.ngettext(plural, plural.plural, _count(params.get(plural.number, 0)))
    else:
        text = catalog.gettext(message)
    if not params:
        return text
    counts = counted_parameters(message)
    shown = {k: _display(Counted(counts[k], _count(v)) if k in counts and _is_number(v) else v, lang) for k, v in params.items()}
    return _FORMATTER.vformat(text, (), shown)


class _Formatter(string.Formatter):
    """``str.format`` where ``{name:form}`` asks a Phrase for one of its forms; given plain text, the form is the text."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Shown):
            return format(value, format_spec)
        if format_spec.isalpha():
            return str(value)
        return super().format_field(value, format_spec)  # type: ignore[no-any-return]


_FORMATTER = _Formatter()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: Any) -> int:
    """The number that chooses a plural form: a count, or the last number a text holds ("12", "1–3", "2+"); 0 when none."""
    if isinstance(value, (int, float)):
        return abs(int(value))
    found = re.findall(r"\d+", str(value))
    return int(found[-1]) if found else 0


def _display(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return _Shown(value, lang)
    if isinstance(value, Msgid):
        return translate(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return format_number(value, lang, 0) if abs(value) >= 10000 else str(value)  # a year or a row is never grouped
    if isinstance(value, float):
        return format_number(value, lang, 0 if value.is_integer() else 2, trim=True)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(_display(item, lang)) for item in value) or "—"
    return value


@lru_cache(maxsize=16)
def locale_of(lang: str | None) -> Any:
    """Babel's Locale of ``lang`` (one of LANGUAGES), parsed once: babel parses a locale's name on every call."""
    from babel import Locale

    return Locale.parse(normalise_language(lang))


def format_date(value: dt.date | None, lang: str | None = None, style: str = "long") -> str:
    """A date as people of ``lang`` write it ('3 de marzo de 2026', '1er mars 2026'); None gives an empty string."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    text: str = babel_format_date(value, format=style, locale=locale_of(lang))
    if normalise_language(lang) == "fr" and value.day == 1 and style != "short":  # French writes the first of the month as an ordinal
        text = re.sub(r"(?<!\d)1(?= )", "1er", text, count=1)
    return text


def format_number(value: float, lang: str | None = None, digits: int = 1, trim: bool = False) -> str:
    """A number with the decimal mark and thousands separator of ``lang``, with ``digits`` decimals (at most that many,
    without trailing zeros, when ``trim``)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("#" if trim else "0") * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_of(lang))  # type: ignore[no-any-return]


def format_percent(share: float, lang: str | None = None, digits: int = 0) -> str:
    """A share (0.5) as a percentage the way ``lang`` writes it ('50 %' in Spanish and French, '50%' in English)."""
    from babel import Locale
    from babel.numbers import format_percent as babel_format_percent

    locale = Locale.parse(normalise_language(lang))
    pattern = locale.percent_formats[None].pattern
    if digits:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return babel_format_percent(share, format=pattern, locale=locale)  # type: ignore[no-any-return]


def compile_catalogs() -> list[Path]:
    """Compiles every .po under LOCALE_DIR to .mo; returns the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        mo = po.with_suffix(".mo")
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as handle:
            write_mo(handle, catalog)
        tmp.replace(mo)
        written.append(mo)
    return written
