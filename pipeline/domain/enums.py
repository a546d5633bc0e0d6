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
    REVIEW_MATRIX = "review_matrix"


class Result(str, Enum):
    """What became of one file that arrived in the inbox."""

    ACCEPTED = "accepted"
    INCOMPLETE = "incomplete"  # archived, answered with a feedback workbook
    QUARANTINED = "quarantined"
    DUPLICATE = "duplicate"
    REQUEST = "request"  # a round request that opened its round
    DRAFT = "draft"  # a returned report draft, now a version of the round's report


class AnswerKind(str, Enum):
    """How the pipeline answers a document it took: a receipt (.docx), or a feedback workbook to correct (.xlsx)."""

    RECEIPT = "receipt"
    FEEDBACK = "feedback"

    @property
    def suffix(self) -> str:
        return ".docx" if self is AnswerKind.RECEIPT else ".xlsx"


class RegisterKind(str, Enum):
    """What a row of the donors' register is."""

    NEED = "need"
    RECOMMENDATION = "recommendation"


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


class MailKind(str, Enum):
    """What an e-mail the pipeline prepares carries, and so which template words it."""

    QUESTIONNAIRE = "questionnaire"  # the questionnaire, to an institution
    RECEIPT = "receipt"  # the receipt of a return, to its sender
    FEEDBACK = "feedback"  # the feedback workbook of a return, to its sender
    NOTES_RECEIPT = "notes_receipt"  # the receipt of an expert's interview notes
    NOTES_FEEDBACK = "notes_feedback"  # the feedback copy of an expert's interview notes
    INTERVIEWS = "interviews"  # the interview guides and the notes workbook, to an expert
    DRAFT = "draft"  # the preliminary draft, to the country's contact
    REMINDER = "reminder"  # the questionnaire again, to an institution that has not answered
    REMINDER_INCOMPLETE = "reminder_incomplete"  # the feedback again, to one whose return still has problems


class MailState(str, Enum):
    """Where a prepared e-mail stands. SENDING is recorded before the server is given the message, so a sending
    stopped midway is never repeated blindly: the message may or may not have left."""

    DRAFTED = "drafted"
    SENDING = "sending"
    SENT = "sent"


class Method(str, Enum):
    """How an element's or a dimension's score is computed from its questions (the ``method`` column of the
    framework's elements sheet; docs/scoring-methods.md)."""

    WEIGHTED_MEAN = "weighted_mean"  # the default: the weighted mean of the levels
    WEAKEST_LINK = "weakest_link"  # PEFA M1: the lowest level, with a "+" when any other is higher
    AVERAGING_TABLE = "averaging_table"  # PEFA M2: the levels read off a conversion table
    CUMULATIVE = "cumulative"  # a level counts only when every requirement of it and of the levels below is met
    SHARE = "share"  # the share of questions at or above a level, read as all / most / majority / some


class ShareBand(str, Enum):
    """The words PEFA gives to shares (``share`` method), each with the level it scores."""

    ALL = "all"  # 90 % or more: level 4
    MOST = "most"  # 75 % or more: 3
    MAJORITY = "majority"  # 50 % or more: 2
    SOME = "some"  # 25 % or more: 1
    FEW = "few"  # less than 25 %: 0


class SectionMerge(str, Enum):
    """What a three-way merge of a returned draft did with one panel section (docs/report-drafts.md)."""

    UNCHANGED = "unchanged"  # the copy left it as in the version it was edited from
    TAKEN = "taken"  # only the copy changed it: its text is in
    SAME = "same"  # the copy and the current draft changed it identically: kept once
    CONFLICT = "conflict"  # both changed it differently: both texts kept under conflict markers
    SET_APART = "set_apart"  # the current draft no longer has the section: the copy's text kept at the end
    MISSING = "missing"  # the copy no longer has the section: the current draft keeps its own


class ReviewDecision(str, Enum):
    """The panel's decision on an observation of the review matrix."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DISCUSSED = "discussed"


class PublicationScope(str, Enum):
    """What the beneficiary state consents to make public of its round's report."""

    FULL = "full"  # the whole final report
    SUMMARY = "summary"  # the executive summary only
    NONE = "none"  # nothing: the report stays with the government and DGPE


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
