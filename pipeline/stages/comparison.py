"""The earlier round a round is compared with, loaded from the ledger (``analysis/comparison.py`` compares).

The earlier round is the latest published round of the same country requested before this one, on the same
topic, on the same framework, or on a framework this one declares it replaces (a ``replaces`` name prefixed with
that framework's id). Its answers are taken with its own DGPE corrections; its recommendations are those of its
published report, each with the status of its latest follow-up.
"""
from __future__ import annotations

from pipeline.analysis.comparison import EarlierRecommendation, EarlierRound
from pipeline.analysis.corrections import corrected
from pipeline.domain.enums import FollowupStatus
from pipeline.domain.framework import Framework
from pipeline.domain.models import Round, Stage
from pipeline.domain.notes import note_key
from pipeline.ledger import corrections, followups, recommendations, records
from pipeline.ledger import notes as stored_notes
from pipeline.ledger.database import Ledger


def _replaced_frameworks(framework: Framework) -> set[str]:
    names = [*framework.scoring.element_replaces.values(), *framework.scoring.question_replaces.values()]
    return {n.partition(":")[0] for group in names for n in group if ":" in n}


def earlier_round_of(ledger: Ledger, round_: Round, framework: Framework) -> Round | None:
    """The round ``round_`` is compared with; None when the country has no such earlier published round."""
    related = {framework.id} | _replaced_frameworks(framework)
    candidates = [r for r in ledger.rounds() if r.id != round_.id and r.country == round_.country and r.stage is Stage.PUBLISHED
                  and r.calendar.requested < round_.calendar.requested and (r.topic == round_.topic or r.framework_id in related)]
    return max(candidates, key=lambda r: (r.calendar.requested, r.id), default=None)


def load_earlier(ledger: Ledger, round_: Round, framework: Framework) -> EarlierRound | None:
    """What the comparison needs of the earlier round; None when there is none (or its framework was not kept)."""
    earlier = earlier_round_of(ledger, round_, framework)
    if earlier is None or not earlier.framework_id or not earlier.framework_version:
        return None
    earlier_framework = ledger.framework(earlier.framework_id, earlier.framework_version)
    if earlier_framework is None:
        return None
    made = corrections.corrections(ledger, earlier.id)
    answers = {r.institution: corrected(r.answers, [c for c in made if c.response == r.sha256])
               for r in records.responses(ledger, earlier.id)}
    ids = recommendations.ids(ledger, earlier.id)
    statuses = followups.statuses(ledger)
    found = []
    for note in stored_notes.current_rows(ledger, earlier.id):
        if not note.recommendation.strip() or note_key(note) not in ids:
            continue
        rec = ids[note_key(note)]
        last = statuses.get((earlier.id, rec), [])[-1:]
        found.append(EarlierRecommendation(rec, note.recommendation, note.element, note.institution,
                                           last[0].status if last else FollowupStatus.NONE, last[0].received[:10] if last else ""))
    found.sort(key=lambda r: (int(r.id.split("-")[-1]) if r.id.split("-")[-1].isdigit() else 0, r.id))
    return EarlierRound(earlier, earlier_framework, answers, tuple(found))
