"""The words and numbers of the pages people read, in Norwegian bokmål (``nb``) or English
(``en``): the HTML reports, the validation page, the figures and the dashboard.

Text is written in English in the code and marked for translation with ``_("...")`` (the
dashboard's components use ``tr("...")``, which reads the page's own language; module-level
tables mark their words with ``N_("...")`` and translate them where they are shown). The
Norwegian words are in a gettext catalogue, ``locale/nb/LC_MESSAGES/bygdesim.po``; English is
the identity. Placeholders are ``str.format`` fields (``"{n} runs"``), never f-strings, so the
extractor sees the whole sentence and the translator can move the number.

Why the ``.po`` is read at run time and no ``.mo`` is committed: the ``.po`` is the one source a
reviewer reads and edits; a compiled ``.mo`` beside it is a binary copy that can silently go
stale (nothing in a diff shows it), and building one would need a packaging step the project
does not have. Reading the catalogue with :func:`babel.messages.pofile.read_po` and compiling it
in memory (:func:`babel.messages.mofile.write_mo` into a buffer, then
:class:`babel.support.Translations`) costs a few milliseconds once per process.

Numbers and money are formatted by Babel with the locales ``nb_NO`` and ``en_GB``: in bokmål a
decimal comma, a non-breaking space between thousands, ``44 %`` and ``1 234 567 kr``; in English
``1,234,567.5``, ``NOK 1,234,567`` and, the project's house style, a space before ``%``.

The language is ``en`` unless the environment variable ``BYGDESIM_LANG`` says otherwise, or
:func:`set_language` / :func:`language` (a context manager) or a ``lang=`` argument choose one.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = {"en": "English", "nb": "Norsk bokmål"}
LOCALES = {"en": "en_GB", "nb": "nb_NO"}
DOMAIN = "bygdesim"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV_VAR = "BYGDESIM_LANG"

_current: ContextVar[str | None] = ContextVar("bygdesim_language", default=None)


class UnknownLanguage(ValueError):
    """A language other than nb and en; the message is one line."""


def check_language(lang: str, where: str = "--lang ") -> str:
    """``lang`` if it is one of :data:`LANGUAGES` (case and spaces ignored), else raise
    :class:`UnknownLanguage` naming ``where`` it came from."""
    code = str(lang).strip().lower()
    if code not in LANGUAGES:
        choices = ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items())
        raise UnknownLanguage(f"{where}{lang}: not a language of bygdesim; use {choices}")
    return code


def default_language() -> str:
    """``$BYGDESIM_LANG`` if set (it must name a language), else ``en``."""
    return check_language(os.environ.get(ENV_VAR) or "en", f"{ENV_VAR}=")


def get_language(lang: str | None = None) -> str:
    """``lang`` if given, else the language set in this context, else the default."""
    if lang is not None:
        return check_language(lang)
    return _current.get() or default_language()


def set_language(lang: str) -> None:
    """Use ``lang`` from now on in this context (thread, or the command line's process)."""
    _current.set(check_language(lang))


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Use ``lang`` inside the block (None: keep the current one)."""
    token = _current.set(get_language(lang))
    try:
        yield _current.get() or "en"
    finally:
        _current.reset(token)


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> NullTranslations:
    """The gettext object of ``lang``, compiled in memory from its ``.po`` (English: identity)."""
    if lang == "en":
        return NullTranslations()
    with catalogue_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=LOCALES[lang], domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: the current language); empty stays empty (gettext
    would answer the catalogue's header)."""
    if not message:
        return message
    return translations(get_language(lang)).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(get_language(lang)).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


# ---- numbers -------------------------------------------------------------------------------
def locale_of(lang: str | None = None) -> str:
    return LOCALES[get_language(lang)]


def _pattern(digits: int, signed: bool, suffix: str = "") -> str:
    body = "#,##0" + ("." + "0" * digits if digits > 0 else "") + suffix
    return f"+{body};-{body}" if signed else body


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def format_decimal(
    x: float | None, digits: int = 1, lang: str | None = None, signed: bool = False
) -> str:
    """``1234.5`` -> ``1 234,5`` (nb) or ``1,234.5`` (en), ``digits`` after the mark."""
    if not _finite(x):
        return gettext("n/a", lang)
    return _babel_decimal(x, format=_pattern(digits, signed), locale=locale_of(lang))


def format_number(x: float | None, lang: str | None = None, signed: bool = False) -> str:
    """A whole number with thousands grouped: ``1 234 567`` (nb), ``1,234,567`` (en)."""
    return format_decimal(x, 0, lang, signed)


def format_percent(
    share: float | None, digits: int = 0, lang: str | None = None, signed: bool = False
) -> str:
    """A share as a percentage: ``0.44`` -> ``44 %`` (nb: non-breaking space; en: a space)."""
    if not _finite(share):
        return gettext("n/a", lang)
    space = "\xa0" if get_language(lang) == "nb" else " "
    return _babel_decimal(
        share, format=_pattern(digits, signed, space + "'%'"), locale=locale_of(lang)
    )


def format_money(nok: float | None, lang: str | None = None, signed: bool = False) -> str:
    """Whole kroner: ``1 234 567 kr`` (nb) or ``NOK 1,234,567`` (en)."""
    if not _finite(nok):
        return gettext("n/a", lang)
    number = format_number(nok, lang, signed)
    return f"{number}\xa0kr" if get_language(lang) == "nb" else f"NOK\xa0{number}"
