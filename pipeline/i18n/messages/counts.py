"""Counted nouns: a number with what it counts, in the plural form each language gives that number.

A message that shows several numbers names each one's counted noun (``N_("{changes} and {comments}.",
changes=TRACKED_CHANGES, comments=COMMENTS)``), so that "1 comentario" and "2 comentarios" both read right; a
message with one number is itself a plural message (``NP_``).
"""
from pipeline.i18n.translation import NP_

COUNT_DIMENSIONS = NP_("{count} dimension", "{count} dimensions")
COUNT_QUESTIONS = NP_("{count} question", "{count} questions")
COUNT_ANSWERS = NP_("{count} answer", "{count} answers")
COUNT_INTERVIEW_GUIDES = NP_("{count} interview guide", "{count} interview guides")
COUNT_NOTES_WORKBOOKS = NP_("{count} interview-notes workbook", "{count} interview-notes workbooks")
COUNT_PANEL_SECTIONS_KEPT = NP_("{count} panel section kept", "{count} panel sections kept")
COUNT_SET_APART = NP_("{count} set apart at the end", "{count} set apart at the end")
COUNT_TRACKED_CHANGES = NP_("{count} tracked change", "{count} tracked changes")
COUNT_COMMENTS = NP_("{count} comment", "{count} comments")
COUNT_INSTITUTIONS_RECEIVED = NP_("{count} institution received", "{count} institutions received")
COUNT_NOT_RECEIVED = NP_("{count} not received", "{count} not received")
COUNT_GAPS = NP_("{count} gap", "{count} gaps")
COUNT_ROWS = NP_("{count} row", "{count} rows")
COUNT_COLUMNS = NP_("{count} column", "{count} columns")
COUNT_PARTS = NP_("{count} part", "{count} parts")
COUNT_EVENTS = NP_("{count} event", "{count} events")
COUNT_ROWS_PUT_BACK = NP_("{count} row put back as its events recorded it", "{count} rows put back as their events recorded them")
COUNT_EVENTS_KEPT = NP_("{count} event kept", "{count} events kept")
COUNT_RECORDS = NP_("{count} record", "{count} records")
COUNT_FILES = NP_("{count} file", "{count} files")
COUNT_MAIL_TO_PREPARE = NP_("{count} to prepare", "{count} to prepare")
COUNT_MAIL_PREPARED = NP_("{count} prepared and not sent", "{count} prepared and not sent")
COUNT_MAIL_INTERRUPTED = NP_("{count} whose sending was interrupted", "{count} whose sending was interrupted")
COUNT_COOPERATION_NEEDS = NP_("{count} cooperation need", "{count} cooperation needs")
COUNT_RECOMMENDATIONS = NP_("{count} recommendation", "{count} recommendations")
COUNT_PUBLISHED_ROUNDS = NP_("{count} published round", "{count} published rounds")
COUNT_CELLS = NP_("{count} cell", "{count} cells")
COUNT_ROWS_FILLED = NP_("{count} row filled", "{count} rows filled")
