"""How a rendered document holds together on the page (documents/layout.py), read back from its WordprocessingML."""
import docx
from docx.oxml.ns import qn

from pipeline.documents.layout import SHORT_TABLE_ROWS, ZWSP, finish_layout


def keeps(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None


def a_document():
    document = docx.Document()
    document.add_heading("4. Vinculación plan–presupuesto", 1)
    summary = document.add_paragraph("Puntaje de la dimensión: 2,2 (3 de 3 preguntas de madurez con puntaje).")
    document.add_heading("4.1 ¿Existen instrumentos que vinculen el presupuesto con el plan?", 2)
    question = document.add_table(rows=4, cols=2)
    question.rows[1].cells[1].text = "Informe anual 2025, https://example.gob.pe/informes/2025-final y más"
    document.add_heading("5. Participación", 1)
    long_text = document.add_paragraph("Un texto largo. " * 60)
    long_table = document.add_table(rows=SHORT_TABLE_ROWS + 4, cols=2)
    long_table.rows[0]._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:tblHeader"))
    document.add_heading("Hallazgos del panel sobre “Participación”", 3)
    section_end = document.add_paragraph("El panel contrastó las respuestas con lo escuchado en las entrevistas.")
    document.add_heading("6. Seguimiento", 2)
    return document, summary, question, long_text, long_table, section_end


def test_a_short_paragraph_between_a_heading_and_what_it_introduces_keeps_with_it():
    document, summary, _, long_text, _, section_end = a_document()
    finish_layout(document, "es")
    assert keeps(summary)  # the guide's dimension summary goes to the next page with its first question
    assert not keeps(long_text)
    assert not keeps(section_end)  # it ends its section: kept with the next one, whole sections would move together


def test_no_row_splits_and_a_short_table_or_a_header_row_keeps_with_what_follows():
    document, _, question, _, long_table, _ = a_document()
    finish_layout(document, "es")
    for table in (question, long_table):
        assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.rows)
    assert [all(keeps(p) for c in row.cells for p in c.paragraphs) for row in question.rows] == [True, True, True, False]
    assert [any(keeps(p) for c in row.cells for p in c.paragraphs) for row in long_table.rows] == [True] + [False] * (len(long_table.rows) - 1)


def test_a_web_address_in_a_table_is_a_link_that_wraps_at_its_slashes():
    document, _, question, _, _, _ = a_document()
    finish_layout(document, "es")
    cell = question.rows[1].cells[1]._tc
    [link] = cell.iter(qn("w:hyperlink"))
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://example.gob.pe/informes/2025-final"  # exact
    shown = "".join(t.text for t in link.iter(qn("w:t")))
    assert shown == f"https://example.gob.pe/{ZWSP}informes/{ZWSP}2025-final"  # never a break right after https://
    assert "".join(t.text for t in cell.iter(qn("w:t"))).replace(ZWSP, "") == \
        "Informe anual 2025, https://example.gob.pe/informes/2025-final y más"
    props = [c.tag for c in link.find(f".//{qn('w:rPr')}")]
    assert props.index(qn("w:color")) < props.index(qn("w:u"))  # in the schema's order, as Word requires


def test_the_document_is_in_its_language():
    document = a_document()[0]
    finish_layout(document, "pt")
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == "pt-BR"
