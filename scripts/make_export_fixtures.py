#!/usr/bin/env python3
"""Writes the workbook fixtures of Tests/DiagnosticTestSupport/Fixtures/exports/ (committed; run again
only to change them): the mini questionnaire's campaign (mini-campaign.csv) as an XLSX workbook
written by XlsxWriter (the library KoboToolbox's exports use) and as an ODS workbook written by odfpy,
with what real workbooks hold: a sheet before the answers, numbers stored as numbers, a blank row,
a cell with line breaks, and in the ODS repeated cells and rows, a comment, runs of spaces.

    pip install xlsxwriter odfpy && python3 scripts/make_export_fixtures.py
"""
import csv
import os

import xlsxwriter
from odf.opendocument import OpenDocumentSpreadsheet
from odf.office import Annotation
from odf.table import Table, TableCell, TableRow
from odf.text import P, S

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "DiagnosticTestSupport", "Fixtures")
OUT = os.path.join(FIXTURES, "exports")

with open(os.path.join(FIXTURES, "mini-campaign.csv"), encoding="utf-8", newline="") as source:
    ROWS = list(csv.reader(source))
NUMERIC = {"population", "agents", "p3", "s3"}


def number(header, cell):
    if header in NUMERIC and cell.strip():
        try:
            return int(cell)
        except ValueError:
            return None
    return None


def xlsx(path):
    book = xlsxwriter.Workbook(path)
    notes = book.add_worksheet("Lisez-moi")
    notes.write(0, 0, "Export des réponses du questionnaire mini")
    sheet = book.add_worksheet("Réponses")
    header = ROWS[0]
    for column, name in enumerate(header):
        sheet.write_string(0, column, name)
    # Row 2 of the sheet is left blank: data starts on row 3.
    for offset, row in enumerate(ROWS[1:]):
        for column, cell in enumerate(row):
            value = number(header[column], cell)
            if value is not None:
                sheet.write_number(offset + 2, column, value)
            elif cell:
                sheet.write_string(offset + 2, column, cell)
    book.close()


def ods(path):
    document = OpenDocumentSpreadsheet()
    table = Table(name="Réponses")
    header = ROWS[0]
    for index, row in enumerate(ROWS):
        table_row = TableRow()
        empties = 0
        for column, cell in enumerate(row):
            if not cell:
                empties += 1
                continue
            if empties:
                table_row.addElement(TableCell(numbercolumnsrepeated=empties))
                empties = 0
            value = number(header[column], cell) if index > 0 else None
            if value is not None:
                element = TableCell(valuetype="float", value=value)
                # The text shows the number formatted; the value is what is read.
                element.addElement(P(text=f"{value:,}".replace(",", "\u202f") + ",00"))
            else:
                element = TableCell(valuetype="string")
                if "  " in cell:
                    first, _, rest = cell.partition("  ")
                    paragraph = P(text=first)
                    paragraph.addElement(S(c=2))
                    paragraph.addText(rest)
                    element.addElement(paragraph)
                else:
                    element.addElement(P(text=cell))
                if index == 1 and column == 0:
                    comment = Annotation()
                    comment.addElement(P(text="Saisie par la mairie"))
                    element.addElement(comment)
            table_row.addElement(element)
        # The rest of the row, as LibreOffice writes it: one empty cell repeated.
        table_row.addElement(TableCell(numbercolumnsrepeated=1000))
        table.addElement(table_row)
        if index == 0:
            table.addElement(TableRow(numberrowsrepeated=2))
    table.addElement(TableRow(numberrowsrepeated=1048000))
    document.spreadsheet.addElement(table)
    document.save(path)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    xlsx(os.path.join(OUT, "mini-campaign.xlsx"))
    ods(os.path.join(OUT, "mini-campaign.ods"))
    print("written to", OUT)
