"""Messages: receipt."""
from pipeline.i18n.messages.terms import TERM_BENEFICIARY_STATE, TERM_DETAILS, TERM_INSTITUTION, TERM_ROUND, TERM_TOPIC
from pipeline.i18n.translation import N_, NP_

# Wording of the receipt. Msgids equal to ones already in the catalogue reuse their translations.
RECEIPT_ORGANISATION = N_("Organization of American States")
RECEIPT_DEPARTMENT = N_("Department for Effective Public Management (DGPE)")
RECEIPT_TITLE = N_("Acknowledgement of receipt")
RECEIPT_INTRO = N_(
    "The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges "
    "receipt of the self-assessment questionnaire described below and has accepted it for the review round."
)
RECEIPT_DETAILS_HEADING = N_("The questionnaire received")
RECEIPT_ITEM = N_("Item")
RECEIPT_DETAIL = TERM_DETAILS
RECEIPT_ROUND = TERM_ROUND
RECEIPT_COUNTRY = TERM_BENEFICIARY_STATE
RECEIPT_TOPIC = TERM_TOPIC
RECEIPT_INSTITUTION = TERM_INSTITUTION
RECEIPT_QUESTIONNAIRE_ID = N_("Questionnaire reference")
RECEIPT_FILE_NAME = N_("File, as received")
RECEIPT_FILE_FORMAT = N_("File format")
RECEIPT_FORMATS = {  # by the format the inbox read the file as
    "xlsx": N_("Excel workbook (.xlsx), accepted"),
    "ods": N_("OpenDocument spreadsheet (.ods), as LibreOffice saves it, accepted"),
}
RECEIPT_RECEIVED_AT = N_("Received on")
RECEIPT_SHA256 = N_("SHA-256 fingerprint of the file")
RECEIPT_COMPLETION_HEADING = N_("Answers")
RECEIPT_COMPLETION = N_("Completion")
RECEIPT_ANSWERED = NP_("{answered} of {required} required question answered.", "{answered} of {required} required questions answered.",
                       number="required")
RECEIPT_WARNINGS_HEADING = N_("Observations")
RECEIPT_WARNINGS_INTRO = N_("The questionnaire was accepted with these observations, which the panel may take up in the interviews:")
RECEIPT_NO_WARNINGS = N_("The questionnaire was accepted without observations.")
RECEIPT_CLOSING = N_(
    "Thank you for your institution's answers. They will guide the interviews that the panel of peer experts "
    "will hold with your institution. Please keep this receipt: the SHA-256 fingerprint identifies exactly the "
    "file that was received."
)
RECEIPT_FOOTER = N_("Produced automatically by MECIGEP, the document pipeline of the OAS/DGPE.")
