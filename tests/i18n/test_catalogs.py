"""Every message is translated in the four languages, with the same placeholders."""
import re

import pytest
from babel.messages.pofile import read_po

from pipeline.i18n.translation import LOCALE_DIR, N_, Msgid, translate

# a placeholder, by its name: a translation may ask a member state for the form its grammar needs ({country:of} gives
# "del Perú", "du Canada"; see pipeline/domain/catalog.State), but only for a form there is
PLACEHOLDER = re.compile(r"({+\w*)(?::(?:of|Of|to|To|The|bare|number))?(}+)")


def catalog(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "mecigep.po").open("rb") as handle:
        return read_po(handle)


def forms(text):
    """A message's forms: the string itself, or each plural form."""
    return list(text) if isinstance(text, tuple) else [text]


@pytest.mark.parametrize("lang", ["es", "pt", "fr"])
def test_every_message_is_translated_with_the_same_placeholders(lang):
    po = catalog(lang)
    entries = [m for m in po if m.id]
    assert [m.id for m in entries if not all(forms(m.string)) or m.fuzzy] == []
    assert [m.id for m in entries if isinstance(m.id, tuple) and len(m.string) != po.num_plurals] == []
    assert [m.id for m in entries for f in forms(m.string)
            if sorted(PLACEHOLDER.findall(forms(m.id)[-1])) != sorted(PLACEHOLDER.findall(f))] == []


def test_a_message_given_as_a_parameter_is_translated_too():
    inner = N_("requested")
    assert isinstance(inner, Msgid)
    assert translate(N_("A round cannot go from '{current}' to '{target}'; from '{current}' it can go to: {allowed}."),
                     "es", current=inner, target=inner, allowed=(inner,)).count(translate(inner, "es")) == 4
