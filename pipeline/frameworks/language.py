"""Which working language a column or a text is in.

A column suffix or setting may name it as a code, a name or both ('English (en)', 'en', 'Español'); a plain
``label`` column names none, so its language is told from its words: a short list of the commonest words
of each language, counted over every label (questions are long enough for that to be clear).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from pipeline.i18n.translation import LANGUAGES

LANGUAGE_NAMES = {
    **{code: code for code in LANGUAGES}, "spanish": "es", "español": "es", "espanol": "es", "castellano": "es",
    "english": "en", "inglés": "en", "ingles": "en", "anglais": "en", "portuguese": "pt", "português": "pt",
    "portugues": "pt", "french": "fr", "français": "fr", "francais": "fr",
}
# Words frequent in one language and rare in the others (shared ones such as "de", "la", "en" are left out).
WORDS = {
    "es": "el los las del y por para una con su sus qué cuál cuáles cuántos cuántas cuánto está hay sí año años "
          "institución cómo dónde quién se lo al nombre fecha tiene tienen largo",
    "en": "the of and to is what how does do your which with for are has have yes this that many there any name "
          "date when who",
    "pt": "da do dos das não sim uma com qual quais quantos quantas é são há pelo pela instituição ano anos nome "
          "data quando tem têm longo",
    "fr": "le les des du et pour avec une est quel quelle quels combien oui sont votre cette année nom date il "
          "qui quand existe-t-il y-a-t-il terme compte",
}
_INDEX = {word: lang for lang, words in WORDS.items() for word in words.split()}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def language_of(spec: str) -> str | None:
    """The working language a column suffix or setting names ('English (en)', 'en', 'Español'); None if none."""
    text = spec.strip().lower()
    if found := re.fullmatch(r".*\(\s*([^()]*?)\s*\)", text):
        code = re.split(r"[-_]", found.group(1))[0]
        return code if code in LANGUAGES else None
    return LANGUAGE_NAMES.get(text) or LANGUAGE_NAMES.get(re.split(r"[-_]", text)[0])


def language_of_text(texts: Iterable[str]) -> str | None:
    """The working language ``texts`` are written in, by their commonest words; None when they do not tell
    (too few words, or two languages about as frequent)."""
    hits: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word in _INDEX:
                hits[_INDEX[word]] += 1
    ranked = hits.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    return ranked[0][0]
