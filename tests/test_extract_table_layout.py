"""Tables found among the sentences: caption, header, rows, legend, and cells that quote their row."""

from __future__ import annotations

from tests.test_extract_outcomes import PEMBRO, make_doc
from tests.test_extract_tables import WORDS, rows

from sarckg.extract.table_layout import cell_sentence, find_tables


def test_caption_header_rows_and_legend() -> None:
    doc = make_doc([
        *rows("Table 1 Response by arm", "Arm\tORR, %\tDCR, %", "Pembrolizumab\t20.0\t60.0", "Control\t5.0\t40.0"),
        ("ORR, objective response rate.", "caption", "Table 1 Response by arm"),
    ], WORDS)
    (table,) = find_tables(doc)
    assert table.header == ("Arm", "ORR, %", "DCR, %")
    assert [r.cells[0] for r in table.rows] == ["Pembrolizumab", "Control"]
    assert [s.text for s in table.legend] == ["ORR, objective response rate."]
    assert "Table 1" in table.caption


def test_a_cell_read_alone_still_quotes_its_row() -> None:
    doc = make_doc(rows("Table 1 Response by arm", "Arm\tORR, %", "Pembrolizumab\t20.0"), WORDS)
    (table,) = find_tables(doc)
    cell = cell_sentence(table.rows[0], 0, prefix="Arm: ")
    assert cell.text == "Arm: Pembrolizumab"
    assert [m.entity for m in cell.mentions] == [PEMBRO] and cell.mentions[0].start == len("Arm: ")
    assert cell.evidence("tables").quote == "Pembrolizumab\t20.0"
