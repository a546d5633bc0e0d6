"""Messages: the quality checks run before scoring, checks marked explained, and DGPE's corrections of answers
(the consolidated workbook's Gaps sheet, the interview guides and the ``response`` and ``check`` commands)."""
from __future__ import annotations

from pipeline.i18n.messages.counts import COUNT_ANSWERS, COUNT_QUESTIONS
from pipeline.i18n.translation import N_, NP_

# The Gaps sheet: the kinds of the quality checks (keyed by GapKind's values), what each found, and its rule.
CHECK_KINDS = {
    "outlier": N_("Far from the others"),
    "unknown_share": N_("Many unknowns"),
    "copied_text": N_("Identical text"),
    "same_evidence": N_("Same evidence everywhere"),
    "big_change": N_("Changed a lot"),
}
CHECK_DETAILS = {
    "outlier": NP_("{institution} scores {score} on this element; the median of the {count} other institution is {median}: "
                   "{distance} points away ({limit} or more is far).",
                   "{institution} scores {score} on this element; the median of the {count} other institutions is {median}: "
                   "{distance} points away ({limit} or more is far)."),
    "unknown_share": NP_("{institution} answers “insufficient information” to {ii} and “not applicable” to {na}: {share} of its "
                         "{answered} maturity answer ({limit} or more, and at least {least}, is many).",
                         "{institution} answers “insufficient information” to {ii} and “not applicable” to {na}: {share} of its "
                         "{answered} maturity answers ({limit} or more, and at least {least}, is many).",
                         number="answered", ii=COUNT_QUESTIONS, na=COUNT_QUESTIONS),
    "copied_text": N_("{institution} gives to question {question} the same text as {others} (ignoring case, accents, spaces and "
                      "punctuation; {length} characters or more)."),
    "same_evidence": NP_("{institution} gives the same evidence for its {count} claim: “{evidence}”.",
                         "{institution} gives the same evidence for each of its {count} claims: “{evidence}”."),
    "big_change": NP_("Between its last two versions {institution} changed {changed} of the {compared} maturity answer both give "
                      "({limit} or more, and at least {least}, is a lot): {questions}; its overall score went from {before} to {after}.",
                      "Between its last two versions {institution} changed {changed} of the {compared} maturity answers both give "
                      "({limit} or more, and at least {least}, is a lot): {questions}; its overall score went from {before} to {after}.",
                      number="compared"),
}
CHECK_RULES_TITLE = N_("What is flagged, and by which rule. The quality checks run before the scores are read; each points "
                       "to something to ask about in the interview, not to an error.")
CHECK_RULES = (
    N_("A required question left unanswered; a level at or below {low}; a level claimed without the evidence the framework "
       "asks for; institutions {apart} or more points apart on an element; an institution that sent nothing."),
    NP_("Far from the others: an institution's score on an element {distance} or more points from the median of the other "
        "institutions' scores, when at least {others} other institution scored it.",
        "Far from the others: an institution's score on an element {distance} or more points from the median of the other "
        "institutions' scores, when at least {others} others scored it.", number="others"),
    NP_("Many unknowns: “insufficient information” and “not applicable” together in {share} or more of an institution's maturity "
        "answers, and at least {least} of them.",
        "Many unknowns: “insufficient information” and “not applicable” together in {share} or more of an institution's maturity "
        "answers, and at least {least} of them.", number="least"),
    N_("Identical text: the same free text ({length} characters or more, ignoring case, accents, spaces and punctuation) given "
       "to one question by two or more institutions."),
    NP_("Same evidence everywhere: one institution giving the same evidence for each of its claims, when it gives {least} or more.",
        "Same evidence everywhere: one institution giving the same evidence for each of its claims, when it gives {least} or more.",
        number="least"),
    NP_("Changed a lot: between an institution's last two versions, {share} or more of the maturity answers both give changed, "
        "and at least {least}.",
        "Changed a lot: between an institution's last two versions, {share} or more of the maturity answers both give changed, "
        "and at least {least}.", number="least"),
    N_("A check looked into can be marked explained, with a note that is kept: mecigep check explain ROUND CHECK --note “…”; "
       "the Check column gives each one's name."),
)
CHECK_COLUMN = N_("Check")
CHECK_EXPLAINED_COLUMN = N_("Explained")
CHECK_EXPLAINED = N_("{note} ({by}, {date})")
CHECK_EXPLAINED_GUIDE = N_("Explained by DGPE: {note}")
GUIDE_CORRECTED = N_("The answer shown was corrected by DGPE ({by}, {date}): {note}")

# The interview guides: each quality check as a point to raise.
GUIDE_CHECKS = {
    "outlier": N_("On “{element}” the institution scores {score}, far from the other institutions (median {median})."),
    "unknown_share": NP_("{ii} answer is “insufficient information” and {na} “not applicable”, {share} of its maturity answers.",
                         "{ii} answers are “insufficient information” and {na} “not applicable”, {share} of its maturity answers.",
                         number="ii", na=COUNT_ANSWERS),
    "copied_text": N_("Its answer to question {question} is the same text as {others}'s."),
    "same_evidence": NP_("It gives the same evidence for its {count} claim: “{evidence}”.",
                         "It gives the same evidence for each of its {count} claims: “{evidence}”."),
    "big_change": NP_("Its last version changed {changed} of {compared} maturity answer ({questions}).",
                      "Its last version changed {changed} of {compared} maturity answers ({questions}).", number="compared"),
}

# DGPE corrections and check marks.
CORRECTION_NO_NOTE = N_("A correction needs a note saying why (who confirmed what, and when); add --note “…”.")
CORRECTION_PUBLISHED = N_("Round {round} is published or withdrawn, so its answers no longer change; corrections are made before publication.")
CORRECTION_NO_RESPONSE = N_("{institution} has sent no questionnaire in round {round}, so there is nothing to correct.")
CORRECTION_UNKNOWN_INSTITUTION = N_("Round {round} has no institution {institution}; its institutions are: {institutions}.")
CORRECTION_UNKNOWN_QUESTION = N_("The framework of round {round} has no question {question} to answer; check its number (the Answers sheet of the consolidated workbook lists them).")
CORRECTION_SAME = N_("The answer of {institution} to {question} is already {value}; nothing to correct.")
CORRECTION_RECORDED = N_("Correction recorded: {institution}, question {question}: {before} → {after} ({note}). The official's file is unchanged; the next consolidation shows the corrected value, marked.")
CHECK_UNKNOWN = N_("Round {round} has no check {check} now; mecigep check list {round} lists them.")
CHECK_NO_NOTE = N_("Marking a check explained needs a note saying what was found; add --note “…”.")
CHECK_MARKED = N_("Check {check} of round {round} marked explained: {note}.")
CHECK_NONE = N_("Round {round} has no gaps and no quality check fires.")
HISTORY_NONE = N_("{institution} has sent no questionnaire in round {round} and has no correction.")
HISTORY_VERSION = N_("Version {number}: received {received}, {status}, SHA-256 {sha256}{current}")
HISTORY_CURRENT = N_(" (current)")
HISTORY_CORRECTION = N_("{at} — {by} corrected {question}: {before} → {after} (on version {version}): {note}")
HELP_RESPONSE = N_("Institutions' responses: DGPE corrections and their history (the officials' files never change).")
HELP_RESPONSE_CORRECT = N_("Correct an obvious slip in an institution's answer (confirmed with the official), with a note; recorded with who, when, before and after.")
HELP_RESPONSE_HISTORY = N_("An institution's versions and DGPE's corrections, oldest first.")
HELP_QUESTION = N_("The question, by its number (2.4, as the questionnaire and the consolidated workbook show it) or its id (pl_04).")
HELP_VALUE = N_("The corrected answer, as it would be typed in the questionnaire (a number, a date, an option's code or label).")
HELP_NOTE = N_("Why: who confirmed what, and when.")
HELP_CORRECTED_BY = N_("Who makes it (default: the computer's user name).")
HELP_CHECK = N_("The quality checks and gaps of a round, and marking them explained.")
HELP_CHECK_LIST = N_("List the gaps and quality checks of a round, with their names and whether they were explained.")
HELP_CHECK_EXPLAIN = N_("Mark a check explained with a note (kept, and shown in the consolidated workbook and the guides).")
HELP_CHECK_NAME = N_("The check's name, as the Check column of the Gaps sheet gives it (outlier:mef:pl_e1).")

DEMO_CORRECTION = N_("  DGPE correction: {institution}, question {question}: {before} → {after}")
DEMO_CHECKS = N_("  quality checks that fire: {checks}")
