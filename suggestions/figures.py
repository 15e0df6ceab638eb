"""The suggestion box's part of "How involvement is going": this year's totals,
how suggestions reached us, and the last 12 months month by month with the
median time to an answer. Registered as an `involvement_figures` hook."""

from django.db import models
from django.utils.formats import date_format

from home.figures import Figure, Row, by_month, counts_by, last_twelve_months, start_of
from records.models import Channel

from .models import SurveySubmission
from .suggestion_box import Suggestion, answered_q, published_q

# Fewer answers than this and the median is not published (it could be one person's).
MEDIAN_NEEDS = 5


def suggestion_figures(today):
    start_of_year = start_of(today.replace(month=1, day=1))
    months = last_twelve_months(today)
    window = start_of(months[0])
    received = by_month(Suggestion.objects.filter(created_at__gte=window), "created_at")
    answered = by_month(answered_in(window), "answered_at")
    return [
        year_so_far(today.year, start_of_year),
        month_by_month(months, received, answered),
        median_days_to_answer(window, answered_count=sum(answered.values())),
        ways_in(today.year, start_of_year),
    ]


def answered_in(window):
    return Suggestion.objects.filter(answered_q() & models.Q(answered_at__gte=window))


def year_so_far(year, start_of_year):
    received_this_year = models.Q(created_at__gte=start_of_year)
    totals = Suggestion.objects.aggregate(
        received=models.Count("pk", filter=received_this_year),
        answered=models.Count("pk", filter=answered_q() & models.Q(answered_at__gte=start_of_year)),
        published=models.Count("pk", filter=published_q()),
    )
    survey_responses = SurveySubmission.objects.filter(submit_time__gte=start_of_year).count()
    return Figure(
        slug="year-so-far",
        title=f"{year} so far",
        label_heading="Figure",
        measures=("Number",),
        chart=False,
        rows=[
            Row("Suggestions received", (totals["received"],)),
            Row("Suggestions answered", (totals["answered"],)),
            Row("Survey and feedback form responses", (survey_responses,)),
            Row("Answers published in “You said, we did” (all years)", (totals["published"],)),
        ],
    )


def month_by_month(months, received, answered):
    return Figure(
        slug="suggestions-by-month",
        title="Suggestions received and answered, month by month",
        summary="The last 12 months. A suggestion counts in the month it reached us, and again in the month "
        "we answered it.",
        label_heading="Month",
        measures=("Received", "Answered"),
        rows=[Row(date_format(month, "F Y"), (received.get(month, 0), answered.get(month, 0))) for month in months],
    )


def median_days_to_answer(window, answered_count):
    """Half the suggestions answered in the last 12 months took this many days
    or fewer. Found in the database: sorted by time taken, only the middle one
    or two are read, however many there are."""
    days = None
    if answered_count >= MEDIAN_NEEDS:
        taken = models.ExpressionWrapper(models.F("answered_at") - models.F("created_at"), models.DurationField())
        middle = (answered_count - 1) // 2
        durations = list(
            answered_in(window)
            .annotate(taken=taken)
            .order_by("taken")
            .values_list("taken", flat=True)[middle : middle + 2 - answered_count % 2]
        )
        seconds = sum(duration.total_seconds() for duration in durations) / len(durations)
        days = round(max(seconds, 0) / 86400, 1)
    return Figure(
        slug="median-days-to-answer",
        title="How long an answer takes",
        summary="The median: half of the suggestions we answered in the last 12 months were answered in this "
        "many days or fewer.",
        label_heading="Figure",
        measures=("Days",),
        chart=False,
        suppress=False,
        missing=f"not shown: {'fewer than 5' if answered_count else 'no'} suggestions answered",
        rows=[Row("Median days from received to answered", (days,))],
    )


def ways_in(year, start_of_year):
    by_channel = counts_by(Suggestion.objects.filter(created_at__gte=start_of_year), "channel")
    return Figure(
        slug="suggestions-by-channel",
        title=f"How suggestions reached us in {year}",
        summary="Suggestions sent on paper, by phone, at a drop-in or through a support worker count the same "
        "as ones sent on this site.",
        label_heading="Way in",
        measures=("Suggestions",),
        rows=[Row(label, (by_channel.get(value, 0),)) for value, label in Channel.choices],
    )
