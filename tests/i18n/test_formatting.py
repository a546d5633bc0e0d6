"""Dates, numbers and percentages are written as each language writes them (Babel, in the document's locale)."""
import datetime as dt

import pytest

from pipeline.i18n.translation import format_date, format_number, format_percent

FIRST, ELEVENTH = dt.date(2026, 3, 1), dt.date(2026, 3, 11)


@pytest.mark.parametrize("lang, first, eleventh", [
    ("es", "1 de marzo de 2026", "11 de marzo de 2026"), ("en", "March 1, 2026", "March 11, 2026"),
    ("pt", "1 de março de 2026", "11 de março de 2026"), ("fr", "1er mars 2026", "11 mars 2026"),
])
def test_a_date_is_written_as_the_language_writes_it_with_the_french_first_as_an_ordinal(lang, first, eleventh):
    assert (format_date(FIRST, lang), format_date(ELEVENTH, lang)) == (first, eleventh)
    assert "er" not in format_date(FIRST, lang, "short")  # a numeric date stays numeric


@pytest.mark.parametrize("lang, number, percent", [
    ("es", "12.345,5", "85,5 %"), ("en", "12,345.5", "85.5%"), ("pt", "12.345,5", "85,5%"), ("fr", "12\u202f345,5", "85,5 %"),
])
def test_numbers_take_the_decimal_mark_and_thousands_separator_of_the_language(lang, number, percent):
    assert format_number(12345.5, lang) == number
    assert format_percent(0.855, lang, 1).replace("\xa0", " ") == percent  # a no-break space before % where it takes one
