"""The language check finds each kind of mistake a native reader stops at, and lets correct text through."""
import pytest

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from tests.support.language_check import problems


def kinds(texts, lang):
    return [p.split(": ")[1] for p in problems(texts, lang)]


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_text_written_in_the_language_passes(lang):
    texts = [translate(m.NOTES_PURPOSE, lang), translate(m.Q_HOW_TO_RETURN, lang), "Decreto Supremo 029-2018-PCM, https://example.gob.pe/doc_2",
             "2 de 3", "jm@example.org"]
    assert problems(texts, lang) == []


@pytest.mark.parametrize("text, lang, kind", [
    (translate(m.NOTES_PURPOSE, "en"), "es", "another language"),
    (translate(m.Q_HOW_TO_RETURN, "es"), "fr", "another language"),
    ("Pregunta pl_20: sin respuesta.", "es", "internal code"),
    ("Elemento pl_e1", "es", "internal code"),
    ("Estado: not_confirmed", "es", "internal code"),
    ("1 problemas", "es", "1 with a plural"),
    ("1 seções mantidas", "pt", "1 with a plural"),
    ("1 experts", "fr", "1 with a plural"),
    ("el el informe", "es", "doubled word"),
    ("Marco (ilustrativo) (planning 2026.1)", "es", "doubled parenthesis"),
    ("Plazo: {deadline}", "es", "placeholder"),
    ("Informe de %(round)s", "en", "placeholder"),
    ("Qué evidencia lo respalda?", "es", "question without ¿"),
])
def test_each_kind_of_mistake_is_found(text, lang, kind):
    assert kind in kinds([text], lang)


def test_a_spanish_question_with_its_opening_mark_passes():
    assert kinds(["¿Con qué evidencia se afirma?"], "es") == []
