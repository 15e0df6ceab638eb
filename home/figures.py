"""Published figures: counts with small-number suppression, collected from the
apps that own the records, and written out as CSV.

Each feature app registers an `involvement_figures` Wagtail hook: a function
taking today's date and returning a list of `Figure`s, each worked out with a
fixed number of aggregate queries. The figures page shows them in hook order,
so this app needs to know none of them.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import TruncMonth
from django.utils import timezone
from wagtail import hooks

from .cache import cached_content

# A count between 1 and this, less one, is never published exactly: with so
# few people behind it, someone could be recognised (ONS and NHS practice).
SUPPRESS_BELOW = 5
SUPPRESSED = f"fewer than {SUPPRESS_BELOW}"


def is_suppressed(count):
    return count is not None and 0 < count < SUPPRESS_BELOW


def published_count(count):
    """What may be shown for a count of people or records: the number itself,
    or "fewer than 5" for 1 to 4."""
    return SUPPRESSED if is_suppressed(count) else str(count)


@dataclass
class Row:
    label: str
    counts: tuple

    def shown(self, figure):
        return [figure.shown(count) for count in self.counts]


@dataclass
class Figure:
    """One table of numbers: a row per label and a column per measure, e.g.
    one row per month with "received" and "answered" columns.

    `suppress` is False only for values that are not counts of people or
    records (such as a median number of days), whose producer must already
    have withheld them when too few records lie behind them: `None` is shown
    as `missing`."""

    slug: str
    title: str
    label_heading: str
    measures: tuple
    rows: list = field(default_factory=list)
    summary: str = ""
    chart: bool = True
    suppress: bool = True
    missing: str = "not shown"

    def shown(self, value):
        if value is None:
            return self.missing
        return published_count(value) if self.suppress else str(value)

    @property
    def shown_rows(self):
        return [(row.label, row.shown(self)) for row in self.rows]

    @property
    def largest(self):
        return max((count or 0 for row in self.rows for count in row.counts), default=0)


def collect_figures(today):
    """Every app's figures, in the order their hooks were registered, worked
    out once per content version and day (home/cache.py): a new suggestion,
    expression of interest or survey response starts a new version, so the
    figures are never behind what was received."""
    return cached_content("involvement-figures", lambda: figures_for(today), today.isoformat())


def figures_for(today):
    return [figure for make_figures in hooks.get_hooks("involvement_figures") for figure in make_figures(today)]


CSV_HEADER = ("figure", "label", "measure", "value")


def figures_csv(figures):
    """One long table: a line per figure, row and measure, with the same
    suppression as the page (so "fewer than 5", never the number)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for figure in figures:
        for label, values in figure.shown_rows:
            for measure, value in zip(figure.measures, values, strict=True):
                writer.writerow((figure.title, label, measure, value))
    return out.getvalue()


def last_twelve_months(today):
    """The first day of each of the last 12 months, oldest first, this month last."""
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def start_of(day):
    """Midnight at the start of `day`, local time: where a count's period begins."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def by_month(dated_queryset, field_name):
    """{first day of month: count} for a date-time field, in one query; the
    months are local time, so a record at 00:30 BST on the 1st counts in that month."""
    rows = (
        dated_queryset.annotate(month=TruncMonth(field_name))
        .values("month")
        .annotate(count=models.Count("pk"))
        .order_by()
    )
    return {timezone.localtime(row["month"]).date(): row["count"] for row in rows}


def counts_by(queryset, field_name):
    """{value: count} for one field, in one query."""
    return dict(queryset.values_list(field_name).annotate(count=models.Count("pk")).order_by())
