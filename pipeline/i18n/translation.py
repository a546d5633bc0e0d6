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
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

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


def N_(message: str) -> Msgid:
    """Marks ``message`` for extraction; returns it as a Msgid."""
    return Msgid(message)


def NP_(singular: str, plural: str, number: str = "count") -> PluralMsgid:
    """Marks a message with plural forms for extraction: ``NP_("{count} problem", "{count} problems")``; the value of
    the parameter ``number`` chooses the form when it is translated."""
    return PluralMsgid(singular, plural, number)


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
    """Returns ``message`` in ``lang``, with ``params`` filled in; a message with plural forms takes the form its
    number parameter asks for in that language."""
    catalog = _catalog(normalise_language(lang))
    if isinstance(message, PluralMsgid):
        text = catalog.ngettext(message, message.plural, int(params.get(message.number, 0)))
    else:
        text = catalog.gettext(message)
    if not params:
        return text
    return text.format(**{k: _display(v, lang) for k, v in params.items()})


def _display(value: Any, lang: str | None) -> Any:
    if isinstance(value, Msgid):
        return translate(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(_display(item, lang)) for item in value) or "—"
    return value


@lru_cache(maxsize=16)
def locale_of(lang: str | None) -> Any:
    """Babel's Locale of ``lang`` (one of LANGUAGES), parsed once: babel parses a locale's name on every call."""
    from babel import Locale

    return Locale.parse(normalise_language(lang))


def format_date(value: dt.date | None, lang: str | None = None, style: str = "long") -> str:
    """A date as people of ``lang`` write it ('3 de marzo de 2026'); None gives an empty string."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=locale_of(lang))


def format_number(value: float, lang: str | None = None, digits: int = 1) -> str:
    """A number with the decimal mark of ``lang``."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_of(lang))  # type: ignore[no-any-return]


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
