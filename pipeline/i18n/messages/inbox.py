"""Messages: inbox."""
from pipeline.i18n.messages.counts import COUNT_COLUMNS, COUNT_PARTS, COUNT_ROWS
from pipeline.i18n.translation import N_

MSG_EMPTY = N_("The file is empty (0 bytes): nothing arrived. Ask the sender to attach the questionnaire again.")
MSG_TEXT = N_("The file is plain text (a CSV or similar) with a workbook's name, not an Excel workbook. "
              "Open the questionnaire in Excel, save it from Excel as .xlsx (Excel Workbook) and send it again.")
MSG_PDF = N_("The file is a PDF, not an Excel workbook. Fill in the Excel questionnaire itself and send the .xlsx file.")
MSG_LEGACY_XLS = N_("The file is an old-format Excel workbook (.xls, Excel 97-2003). "
                    "Open it in Excel, save it as .xlsx (Excel 2007 or later) and send it again.")
MSG_LEGACY_DOC = N_("The file is an old-format Word document (.doc, Word 97-2003). "
                    "Open it in Word, save it as .docx and send it again.")
MSG_ENCRYPTED = N_("The file is protected with a password, so it cannot be read (it is not damaged). "
                   "Open it, remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                   "leave it empty), save it and send it again.")
MSG_TRUNCATED = N_("The file is incomplete or damaged, perhaps cut while it travelled by e-mail. "
                   "Ask the sender to send it again.")
MSG_ZIP_BOMB = N_("The file unpacks to far more data than a questionnaire holds ({entries}, {uncompressed_mb} MB "
                  "unpacked); it was not opened, as it may be a compression bomb. Ask the sender for the original questionnaire.",
                  entries=COUNT_PARTS)
MSG_XML_BOMB = N_("The file declares XML entities (in {part}), which Excel and Word never write; it was not opened, "
                  "as it may be an XML bomb. Ask the sender to save the questionnaire again from Excel.")
MSG_MALFORMED_XML = N_("Part {part} of the file is not valid XML, so it cannot be read (it was perhaps written by "
                       "a program other than Excel). Open it in Excel, save it as .xlsx and send it again.")
MSG_MACROS = N_("The file contains macros, which are not accepted. "
                "Save it from Excel as a macro-free .xlsx (Excel Workbook) and send it again.")
MSG_HUGE_SHEET = N_("Sheet {sheet} spans {rows} and {columns}, more than the {max_rows} rows and "
                    "{max_columns} columns accepted. Delete the extra rows and columns, save it and send it again.",
                    rows=COUNT_ROWS, columns=COUNT_COLUMNS)
MSG_TOO_LARGE = N_("The file is {size_mb} MB, more than the {max_mb} MB accepted. "
                   "Remove pictures or extra sheets, save it and send it again.")
MSG_NOT_OFFICE = N_("The file is neither an Excel workbook nor a Word document. "
                    "Send the questionnaire as the .xlsx file saved from Excel.")
MSG_BINARY_WORKBOOK = N_("The file is an Excel binary workbook (.xlsb), which cannot be read here. "
                         "Open it in Excel, save it as .xlsx (Excel Workbook) and send it again.")
MSG_PART_CASE = N_("Inside the file, the part {part} is named {named} in the file's own index: the letters differ in case, "
                   "which Excel tolerates but the reader would not (it would miss that part). "
                   "Open it in Excel, save it as .xlsx and send it again.")
MSG_BACKSLASH_PARTS = N_("The parts inside the file are named with backslashes ({part}), as some programs other than Excel "
                         "write them, so its sheets cannot be found. Open it in Excel, save it as .xlsx and send it again.")
MSG_SHEET_STATE = N_("Sheet {sheet} is marked with the visibility \"{state}\", which Excel never writes, so the workbook "
                     "cannot be read. Open it in Excel, save it as .xlsx and send it again.")
