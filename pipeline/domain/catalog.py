"""The catalogs: OAS member states and MECIGEP topics.

Shipped as data in ``pipeline/data``; a workspace may change a state's
participation flag and add topics, both kept in its ledger. A state's name is
said in each language with its article where the language puts one ("el Perú",
"o Brasil", "le Canada", "la Jamaïque", but "Costa Rica" in Spanish).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, Phrase, normalise_language

DATA = Path(__file__).resolve().parents[1] / "data"
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


# Each language's prepositions "of" and "to" joined to the article they meet ("de" + "el" is "del").
_JOINED = {
    "es": {"of": {"el": "del ", "": "de "}, "to": {"el": "al ", "": "a "}},
    "pt": {"of": {"o": "do ", "a": "da ", "os": "dos ", "as": "das ", "": "de "},
           "to": {"o": "ao ", "a": "à ", "os": "aos ", "as": "às ", "": "a "}},
    "fr": {"of": {"le": "du ", "les": "des ", "": "de "}, "to": {"le": "au ", "les": "aux ", "": "à "}},
    "en": {"of": {"": "of "}, "to": {"": "to "}},
}


@dataclass(frozen=True)
class State(Phrase):
    """A member state. As a message's parameter it is said with its article in the message's language; a catalogue's
    translation asks for ``{country:of}`` ("del Perú", "du Canada", "de la Jamaïque", "d'Haïti"), ``{country:to}``
    ("al Perú", "au Canada"), ``{country:The}`` (capitalised, to begin a sentence) or ``{country:bare}`` (no article)."""

    code: str
    names: dict[str, str]
    participating: bool
    articles: dict[str, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str | None = None) -> str:
        return self.names.get(normalise_language(lang)) or self.names["es"]

    def article(self, lang: str | None = None) -> str:
        """The article ``lang`` puts before the name in a sentence ("el", "o", "la", "l'"); empty for none."""
        return self.articles.get(normalise_language(lang), "")

    def gender(self, lang: str | None = None) -> str:
        """The grammatical gender of the name in ``lang``: "m" or "f"."""
        return self.genders.get(normalise_language(lang), "m")

    def text(self, lang: str, form: str = "") -> str:
        lang, name, article = normalise_language(lang), self.name(lang), self.article(lang)
        if form == "bare":
            return name
        said = (f"{article}{name}" if article.endswith("'") else f"{article} {name}") if article else name
        if form.lower() in ("of", "to"):
            joined = _JOINED[lang][form.lower()]
            if lang == "fr" and form.lower() == "of" and not article and name[:1].lower() in "aeiouyéèêâîôûh":
                said = "d'" + name  # élision: d'Haïti, d'El Salvador
            elif article in joined:
                said = joined[article] + name
            else:
                said = joined[""] + said
        return said[:1].upper() + said[1:] if form[:1].isupper() else said


@dataclass(frozen=True)
class Topic:
    id: str
    names: dict[str, str]

    def name(self, lang: str | None = None) -> str:
        lang = normalise_language(lang)
        return self.names.get(lang) or self.names.get("es") or self.id


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[State, ...], tuple[Topic, ...]]:
    states = json.loads((DATA / "states.json").read_text("utf-8"))["states"]
    topics = json.loads((DATA / "topics.json").read_text("utf-8"))["topics"]
    return (
        tuple(State(s["code"], s["names"], s["participating"], s.get("articles", {}), s.get("genders", {})) for s in states),
        tuple(Topic(t["id"], t["names"]) for t in topics),
    )


class Catalog:
    """States and topics as a workspace sees them: shipped data plus its own changes."""

    def __init__(self, participation: dict[str, bool] | None = None, added_topics: dict[str, dict[str, str]] | None = None):
        shipped_states, shipped_topics = _shipped()
        participation = participation or {}
        self.states = {
            s.code: State(s.code, s.names, participation.get(s.code, s.participating), s.articles, s.genders) for s in shipped_states
        }
        self.topics = {t.id: t for t in shipped_topics}
        for topic_id, names in (added_topics or {}).items():
            self.topics[topic_id] = Topic(topic_id, names)

    def state(self, code: str) -> State:
        """The member state with that alpha-3 code (any case); raises UserError when it is none."""
        found = self.states.get(code.strip().upper())
        if found is None:
            raise UserError(m.UNKNOWN_COUNTRY, country=code)
        return found

    def find_state(self, text: str) -> State | None:
        """The state named by a code, a name in any language, or 'Name (CODE)'; None when nothing matches."""
        text = text.strip()
        code = re.search(r"\(([A-Za-z]{3})\)\s*$", text)
        if code:
            text = code.group(1)
        if text.upper() in self.states:
            return self.states[text.upper()]
        folded = text.casefold()
        return next((s for s in self.states.values() if folded in (n.casefold() for n in s.names.values())), None)

    def topic(self, topic_id: str) -> Topic:
        """The topic with that id; raises UserError when it is none."""
        found = self.topics.get(topic_id.strip())
        if found is None:
            raise UserError(m.UNKNOWN_TOPIC, topic=topic_id)
        return found

    def find_topic(self, text: str) -> Topic | None:
        """The topic named by an id, a name in any language, or 'Name (id)'; None when nothing matches."""
        text = text.strip()
        key = re.search(r"\(([a-z0-9_]+)\)\s*$", text)
        if key:
            text = key.group(1)
        if text in self.topics:
            return self.topics[text]
        folded = text.casefold()
        return next((t for t in self.topics.values() if folded in (n.casefold() for n in t.names.values())), None)

    @staticmethod
    def check_new_topic(topic_id: str, names: dict[str, str], existing: dict[str, "Topic"]) -> None:
        if not TOPIC_ID.match(topic_id):
            raise UserError(m.BAD_TOPIC_ID, topic=topic_id)
        if topic_id in existing:
            raise UserError(m.TOPIC_EXISTS, topic=topic_id)
        unknown = [lang for lang in names if lang not in LANGUAGES]
        if unknown:
            raise UserError(m.UNKNOWN_LANGUAGE, language=unknown[0])
