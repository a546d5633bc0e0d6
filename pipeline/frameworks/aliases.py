"""The spellings pyxform accepts for columns and language headers, read the same way here.

Like pyxform's ``parsing/sheet_headers.py``: a header is stripped and its runs of spaces collapsed, then looked
up as written and in snake_case; a header with a language (``label::English (en)``) is split at '::', or at ':'
when no header of the sheet has '::' (older forms write ``label:English``); the first part is de-aliased
(``relevance`` → ``relevant``, ``caption`` → ``label``, ``value`` → ``name`` …). The key a column is read by is the
canonical name, lower-cased, with its language after '::' (``label::english (en)``).
"""
from __future__ import annotations

import re

SURVEY = {
    "relevance": "relevant", "caption": "label", "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message", "calculate": "calculation", "bind::calculate": "calculation",
    "count": "repeat_count", "jr:count": "repeat_count", "control::jr:count": "repeat_count",
    "requiredmsg": "required_message", "jr:requiredmsg": "required_message", "readonly": "read_only",
    "command": "type", "tag": "name", "value": "name", "noapperrorstring": "no_app_error_string",
    "jr:noapperrorstring": "no_app_error_string", "image": "media::image", "big-image": "media::big-image",
    "audio": "media::audio", "video": "media::video", "body": "control", "bind::relevant": "relevant",
    "bind::constraint": "constraint", "bind::required": "required", "bind::jr:constraintmsg": "constraint_message",
}
CHOICES = {"caption": "label", "list_name": "list_name", "value": "name", "image": "media::image",
           "big-image": "media::big-image", "audio": "media::audio", "video": "media::video"}
SETTINGS = {"set_form_title": "form_title", "title": "form_title", "set_form_id": "form_id", "id_string": "form_id"}
ALIASES = {"survey": SURVEY, "choices": CHOICES, "settings": SETTINGS, "elements": {"caption": "label"}}
_SPACES = re.compile(r"\s+")


def snake_case(text: str) -> str:
    """``text`` lower-cased with its words joined by '_' (pyxform's ``to_snake_case``)."""
    return "_".join(text.split()).lower()


def _parts(header: str, double: bool) -> list[str]:
    if double or "::" in header:
        return [part.strip() for part in header.split("::")]
    parts = [part.strip() for part in header.split(":")]
    if "jr" in (p.lower() for p in parts[:-1]):  # jr:count, jr:constraintMsg, written with single colons
        at = [p.lower() for p in parts].index("jr")
        parts = parts[:at] + [f"jr:{parts[at + 1]}"] + parts[at + 2:]
    return parts


def header_keys(sheet: str, headers: list[str]) -> list[str]:
    """The key of each of ``headers`` (texts as written, '' for an empty header cell) on the sheet ``sheet``
    ('survey', 'choices', 'settings' or 'elements'); '' for an empty one."""
    aliases = ALIASES.get(sheet, {})
    cleaned = [_SPACES.sub(" ", text.strip()) for text in headers]
    double = any("::" in text for text in cleaned)
    keys = []
    for text in cleaned:
        if not text:
            keys.append("")
            continue
        whole = snake_case(text)
        if whole in aliases or ":" not in text:
            keys.append(aliases.get(whole, whole))
            continue
        parts = _parts(text, double)
        head = snake_case(parts[0])
        rest = [p.lower() for p in parts[1:]]
        if rest and f"{head}::{rest[0]}" in aliases:  # bind::relevant, control::jr:count: two parts, one alias
            head, rest = aliases[f"{head}::{rest[0]}"], rest[1:]
        else:
            head = aliases.get(head, head)
        keys.append("::".join([head] + rest))
    return keys
