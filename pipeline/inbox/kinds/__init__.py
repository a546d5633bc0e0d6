"""The kinds of document the inbox takes, each in a module of its own; ``REGISTRY`` is what the engine is handed.

Adding a kind is one module here (a class with ``type``, ``formats``, ``analyse`` and ``take``, see ``base.py``)
and its line below.
"""
from pipeline.inbox.kinds import draft, followup, notes, questionnaire, request, review
from pipeline.inbox.kinds.base import DocumentKind

REGISTRY: tuple[DocumentKind, ...] = (questionnaire.KIND, request.KIND, notes.KIND, draft.KIND, followup.KIND, review.KIND)
