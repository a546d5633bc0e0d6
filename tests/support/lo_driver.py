"""Makes LibreOffice edit a document as a person does. Run by the SYSTEM python (it has uno):
``/usr/bin/python3 tests/lo_driver.py COMMANDS.json`` with COMMANDS.json = {"source", "target" (.xlsx/.docx),
"author" (optional: the profile's user name, which signs tracked changes), "timeout", "operations": [{"op": …}]}.
Cell values: a string (setString), a number (setValue) or {"date": "YYYY-MM-DD"} (a date serial, no formula).
A private soffice with a fresh profile loads the document hidden, applies the operations and stores the
target; the document, soffice and the profile are always cleaned up. Exit 0 with a JSON line on stdout;
otherwise 1 (3 on timeout, 2 on bad usage) with the reason on stderr. Operations: see calc() and writer().
"""
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import threading
import time

import uno
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pipeline", "data"))
from office import STARTED, Office, kill_group, props  # noqa: E402 (the product's private soffice, beside its PDF exporter)

FILTERS = {".xlsx": "Calc MS Excel 2007 XML", ".docx": "MS Word 2007 XML"}


class Refused(Exception):  # LibreOffice did not do what an operation asked
    pass


class Driven(Office):
    """The product's private soffice, with the profile's user name set for Writer's tracked changes."""

    def set_author(self, author):  # before loading: Writer signs recorded changes with it
        given, _, surname = author.partition(" ")
        provider = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                      props(nodepath="/org.openoffice.UserProfile/Data"))
        access.setPropertyValue("givenname", given)
        access.setPropertyValue("sn", surname)
        access.commitChanges()


# Calc

def cell_value(cell, value, doc):
    if isinstance(value, dict) and "date" in value:
        null = doc.NullDate
        cell.setValue((dt.date.fromisoformat(value["date"]) - dt.date(null.Year, null.Month, null.Day)).days)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.setValue(value)
    else:
        cell.setString(str(value))


def sheet(doc, name):
    if not doc.Sheets.hasByName(name):
        raise Refused(f"no sheet {name!r}; sheets: {list(doc.Sheets.ElementNames)}")
    return doc.Sheets.getByName(name)


def last_used_row(s):
    cursor = s.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.RangeAddress.EndRow  # 0-based


def calc(doc, op, ctx):
    kind = op["op"]
    if kind == "set_named":
        if not doc.NamedRanges.hasByName(op["name"]):
            raise Refused(f"no named range {op['name']!r}")
        cell_value(doc.NamedRanges.getByName(op["name"]).getReferredCells().getCellByPosition(0, 0), op["value"], doc)
    elif kind == "set_cell":
        cell_value(sheet(doc, op["sheet"]).getCellRangeByName(op["cell"]), op["value"], doc)
    elif kind == "insert_rows":
        s, before, count = sheet(doc, op["sheet"]), int(op["before_row"]), int(op.get("count", 1))
        last = last_used_row(s)
        try:
            s.Rows.insertByIndex(before - 1, count)
        except Exception as e:
            raise Refused(f"inserting rows into {op['sheet']!r} (protected: {s.isProtected()}): {type(e).__name__}: {e}")
        if before - 1 <= last and last_used_row(s) != last + count:
            raise Refused(f"LibreOffice did not insert {count} row(s) into {op['sheet']!r} "
                          f"(protected: {s.isProtected()})")
    elif kind == "rename_sheet":
        sheet(doc, op["old"]).setName(op["new"])
    elif kind == "unprotect":
        sheet(doc, op["sheet"]).unprotect(op.get("password", ""))
    elif kind == "recalculate":
        doc.calculateAll()
    elif kind == "row_heights":  # {"output": path}: per visible sheet, [row, height set, height LibreOffice needs] in points
        found = {}
        for index in range(doc.Sheets.Count):
            s = doc.Sheets.getByIndex(index)
            if not s.IsVisible:
                continue
            rows = []
            for row in range(last_used_row(s) + 1):
                line = s.Rows.getByIndex(row)
                ours = line.Height
                line.OptimalHeight = True
                rows.append([row + 1, round(ours / 35.28, 1), round(line.Height / 35.28, 1)])  # 1/100 mm to points
            found[s.Name] = rows
        with open(op["output"], "w", encoding="utf-8") as f:
            json.dump(found, f)
    else:
        raise Refused(f"unknown Calc operation {kind!r}")


# Writer

def find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString, search.SearchCaseSensitive = text, True
    found = doc.findFirst(search)
    if found is None:
        raise Refused(f"text not found: {text!r}")
    return found


def writer(doc, op, ctx):
    kind = op["op"]
    if kind == "insert_after_bookmark":
        if not doc.Bookmarks.hasByName(op["bookmark"]):
            raise Refused(f"no bookmark {op['bookmark']!r}; bookmarks: {list(doc.Bookmarks.ElementNames)}")
        anchor = doc.Bookmarks.getByName(op["bookmark"]).getAnchor()
        text = anchor.getText()
        cursor = text.createTextCursorByRange(anchor.getEnd())
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.ParaStyleName = op.get("style", "Standard")  # not the heading's style
        text.insertString(cursor, op["text"], False)
    elif kind == "replace_paragraph_containing":
        found = find(doc, op["text"])
        cursor = found.getText().createTextCursorByRange(found)
        cursor.gotoStartOfParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.setString(op["new_text"])
        if op.get("style"):
            cursor.ParaStyleName = op["style"]
    elif kind == "track_changes":
        doc.RecordChanges = bool(op["on"])
    elif kind == "insert_text_at_end_of_paragraph_containing":
        found = find(doc, op["text"])
        cursor = found.getText().createTextCursorByRange(found)
        cursor.gotoEndOfParagraph(False)
        cursor.getText().insertString(cursor, op["insert"], False)
    elif kind == "add_comment":
        found = find(doc, op["on_text"])
        note = doc.createInstance("com.sun.star.text.textfield.Annotation")
        note.Author, note.Content = op["author"], op["comment"]
        note.Initials = "".join(word[0] for word in op["author"].split())
        now = dt.datetime.now(dt.timezone.utc)  # without it the docx gets w:date="0-00-00T00:00:00Z"
        note.DateTimeValue = uno.createUnoStruct("com.sun.star.util.DateTime", 0, now.second, now.minute, now.hour,
                                                 now.day, now.month, now.year, True)
        found.getText().insertTextContent(found, note, True)  # absorb: the comment spans the found text
    elif kind == "add_footnote":  # a footnote at the end of the found text, as Insert › Footnote does
        found = find(doc, op["after_text"])
        cursor = found.getText().createTextCursorByRange(found.getEnd())
        note = doc.createInstance("com.sun.star.text.Footnote")
        found.getText().insertTextContent(cursor, note, False)
        note.insertString(note.getEnd(), op["text"], False)
    elif kind == "delete_paragraph_containing":  # the whole paragraph, its mark too
        found = find(doc, op["text"])
        cursor = found.getText().createTextCursorByRange(found)
        cursor.gotoStartOfParagraph(False)
        if not cursor.gotoNextParagraph(True):
            cursor.gotoEndOfParagraph(True)
        cursor.setString("")
    elif kind == "accept_all_changes":
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, ())
        if doc.Redlines.getCount():
            raise Refused(f".uno:AcceptAllTrackedChanges left {doc.Redlines.getCount()} tracked change(s)")
    elif kind == "delete_all_comments":
        fields, notes = doc.TextFields.createEnumeration(), []
        while fields.hasMoreElements():
            notes.append(fields.nextElement())
        notes = [f for f in notes if f.supportsService("com.sun.star.text.textfield.Annotation")]
        before = doc.Redlines.getCount()
        for note in notes:
            note.dispose()
        if doc.Redlines.getCount() > before:
            raise Refused("with tracking on, deleting comments is recorded as tracked deletions that keep them "
                          "in the file; turn track_changes off first")
    else:
        raise Refused(f"unknown Writer operation {kind!r}")


def run(commands, root):
    source, target = os.path.abspath(commands["source"]), os.path.abspath(commands["target"])
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in FILTERS:
        raise Refused(f"cannot store {suffix!r}; known: {sorted(FILTERS)}")
    office = Driven(root, "lo_driver")
    try:
        office.connect()
        if commands.get("author"):
            office.set_author(commands["author"])
        doc = office.desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, props(Hidden=True))
        if doc is None:
            raise Refused(f"LibreOffice could not open {source}")
        try:
            apply = calc if doc.supportsService("com.sun.star.sheet.SpreadsheetDocument") else writer
            for index, op in enumerate(commands.get("operations", [])):
                try:
                    apply(doc, op, office.ctx)
                except Exception as e:  # a UNO exception's message is often empty: its type says what LibreOffice refused
                    reason = e if isinstance(e, Refused) else f"{type(e).__name__}: {e}"
                    raise Refused(f"operation {index} {op.get('op')}: {reason}") from None
            doc.storeToURL(uno.systemPathToFileUrl(target), props(FilterName=FILTERS[suffix], Overwrite=True))
        finally:
            try:
                doc.close(True)
            except Exception:
                doc.dispose()
    finally:
        office.kill()


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        commands = json.load(f)
    root, timeout, timed_out = tempfile.mkdtemp(prefix="lo_driver_"), float(commands.get("timeout", 150)), threading.Event()

    def give_up():  # kill soffice so a blocked UNO call fails; leave anyway if that is not enough
        timed_out.set()
        print(f"lo_driver: timed out after {timeout:.0f} s", file=sys.stderr)
        for proc in STARTED:
            kill_group(proc)
        time.sleep(10)
        shutil.rmtree(root, ignore_errors=True)
        os._exit(3)

    watchdog, started = threading.Timer(timeout, give_up), time.monotonic()
    watchdog.daemon = True
    watchdog.start()
    try:
        run(commands, root)
    except Exception as e:
        print(f"lo_driver: {e}", file=sys.stderr)
        log = os.path.join(root, "soffice.log")
        lines = [line for line in open(log, errors="replace")] if os.path.exists(log) else []
        print("".join(f"soffice: {line}" for line in lines[-20:] if "javaldx" not in line), end="", file=sys.stderr)
        return 3 if timed_out.is_set() else 1
    finally:
        watchdog.cancel()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({"target": commands["target"], "seconds": round(time.monotonic() - started, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
