"""The closed sets of the mechanism's records; their values are what the ledger and the workbooks store."""
from __future__ import annotations

from enum import Enum


class DocumentType(str, Enum):
    """What a document the pipeline issues (and reads back) is; its identity names it."""

    QUESTIONNAIRE = "questionnaire"
    ROUND_REQUEST = "round_request"
    INTERVIEW_NOTES = "interview_notes"
    REPORT_DRAFT = "report_draft"
    FOLLOWUP = "followup"


class Result(str, Enum):
    """What became of one file that arrived in the inbox."""

    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"  # archived, answered with a feedback workbook
    QUARANTINED = "quarantined"
    DUPLICATE = "duplicate"
    REQUEST = "request"  # a round request that opened its round
    DRAFT = "draft"  # a returned report draft, now a version of the round's report


class ResponseStatus(str, Enum):
    """A stored questionnaire response: complete, or kept with what still needs fixing."""

    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"


class ReturnState(str, Enum):
    """Where an institution's questionnaire stands in a round: its current response's status, or nothing yet."""

    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"
    MISSING = "missing"


class Priority(str, Enum):
    HIGH = "high"  # the next 12 months
    MEDIUM = "medium"  # within 3 years
    LOW = "low"  # desirable


class Assessment(str, Enum):
    """What the interviews made of an institution's self-assessment of an element."""

    CONFIRMED = "confirmed"
    PARTLY = "partly"
    NOT_CONFIRMED = "not_confirmed"


class FollowupStatus(str, Enum):
    """What became of a recommendation, as the country tells it in a follow-up."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NO_LONGER_RELEVANT = "no_longer_relevant"
    NONE = "none"  # never followed up yet


class DraftOrigin(str, Enum):
    GENERATED = "generated"  # written by the pipeline
    RETURNED = "returned"  # edited by people and sent back


class WaitReason(str, Enum):
    """Why a file in the inbox is not taken yet (or never will be, as it is)."""

    NOT_SETTLED = "not_settled"  # changed within the settle window
    BEING_WRITTEN = "being_written"  # another program has it open for writing
    EMPTY = "empty"  # 0 bytes: its content has not arrived
    INCOMPLETE = "incomplete"  # a zip whose directory does not read yet
    UNREADABLE = "unreadable"  # the pipeline may not read it (permissions)
    TEMPORARY = "temporary"  # a lock or temporary file of Excel, LibreOffice or a sync client: ignored
    NOT_REGULAR = "not_regular"  # a link, pipe or device: never read
    READY = "ready"  # ready to be taken by the next pass of the watcher
    PROCESSING = "processing"  # claimed, in work/, being processed (or left by a stopped watcher)
