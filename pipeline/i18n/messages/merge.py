"""Messages: merging returned copies of a report draft, edits to regenerated parts, comparing versions."""
from pipeline.i18n.translation import N_, NP_

MERGE_SENDER = N_("{name} (“{file}”)")
MERGE_SENDER_FILE = N_("“{file}”")
MERGE_GENERATED = N_("the draft as the pipeline wrote it")
MERGE_CONFLICT_OURS = N_("⟪Conflict: two copies changed this section differently. The current draft, version {version}, has this text, from {who}:⟫")
MERGE_CONFLICT_THEIRS = N_("⟪The copy from {who}, edited from version {base}, has this text:⟫")
MERGE_CONFLICT_END = N_("⟪End of the conflict. Keep the text you agree on, then delete the three lines marked like this one.⟫")
MERGE_CONFLICT_LEFT = N_('Under "{section}", a conflict between two copies is not settled: "{text}"')
MERGE_EDITS_HEADING = N_("Edits to regenerated parts")
MERGE_EDIT_MARK = N_("⟪{who}, editing version {base}, changed {where}. That part is rendered afresh from the round's data: move the text where it belongs in a panel section, then delete this line.⟫")
MERGE_EDIT_LEFT = N_('Under "{section}", an edit to a regenerated part waits to be moved where it belongs: "{text}"')
MERGE_WHERE_PARAGRAPH = N_("a paragraph under “{section}”")
MERGE_WHERE_ROW = N_("row {row} of a table under “{section}”")
MERGE_WHERE_START = N_("a paragraph before the first heading")

MERGE_SECTION_TAKEN = N_("“{section}”: your text is in version {version} as you wrote it.")
MERGE_SECTION_SAME = N_("“{section}”: another copy made the very same change; version {version} has it once.")
MERGE_SECTION_CONFLICT = N_("“{section}”: another copy changed it differently; version {version} keeps both texts under marked lines, to be settled before approval.")
MERGE_SECTION_SET_APART = N_("“{section}”: the current draft no longer has this section; your text is kept at the end of version {version}.")
MERGE_SECTION_MISSING = N_("“{section}”: your copy no longer has this section; version {version} keeps it as the current draft has it.")
MERGE_OUTSIDE = N_("You changed {where}, which is rendered afresh from the round's data: your text is kept in “Edits to regenerated parts” at the end of version {version}, for the panel to move where it belongs.")

OUTCOME_DRAFT_MERGED = N_("{file}: copy of draft version {based_on} of round {round} merged into version {version} — sections taken: {taken}, already there: {same}, in conflict: {conflicts}; edits outside the panel's sections: {outside}; receipt {answer}.")

DRAFT_RECEIPT_SUBTITLE = N_("Preliminary report — {topic}")
DRAFT_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the copy of the preliminary report described below. It was merged, section by section, with the other copies of the same version: nobody's text is dropped."),
    "details_heading": N_("The copy received"),
    "institution": N_("Saved by"),
    "questionnaire_id": N_("Draft"),
    "completion_heading": N_("Your changes"),
    "completion": N_("Taken in as you wrote them"),
    "warnings_heading": N_("What became of each change"),
    "warnings_intro": N_("Section by section:"),
    "no_warnings": N_("Your copy changes nothing in the draft: version {version} is the same text."),
    "closing": N_("Thank you. The new version is version {version} of the draft, the file {file}; edit that one from now on. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}
DRAFT_RECEIPT_DRAFT = N_("copy of version {based_on}, merged into version {version}")
DRAFT_RECEIPT_CHANGES = NP_("{answered} of {required} section you changed, taken in as you wrote it.",
                            "{answered} of {required} sections you changed, taken in as you wrote them.", number="required")
DRAFT_UNKNOWN_SENDER = N_("not said in the file")

COMPARE_TITLE = N_("Changes from version {old} to version {new} of the draft")
COMPARE_INTRO = N_("Round {round}. Each panel section that changed between the two versions, with what changed shown as tracked changes: deletions and insertions, signed by whoever made them. The parts rendered from the round's data are not compared.")
COMPARE_UNCHANGED = N_("Sections without changes: {sections}.")
COMPARE_NOTHING = N_("No panel section changed between the two versions.")
COMPARE_GONE = N_("This section is in version {old} but no longer in version {new}.")
COMPARE_WRITTEN = NP_("Changes from version {old} to version {new} written to {path} ({count} section changed).",
                      "Changes from version {old} to version {new} written to {path} ({count} sections changed).")
COMPARE_NO_VERSION = N_("The round {round} has no draft version {version}; its versions are {versions}.")
HELP_REPORT_COMPARE = N_("Write a Word document showing what changed in the panel sections between two draft versions, as tracked changes.")
DEMO_COMPARE = N_("what changed between versions 1 and 3, as tracked changes")
