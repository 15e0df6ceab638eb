"""Dates and times for people: calendar (.ics) downloads for dated meetings
and opportunities, and times written the plain English way."""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def ics_response(*, uid, title, start, end=None, location="", description="", url="", filename="event.ics"):
    calendar = Calendar()
    calendar.add("prodid", "-//Service User Involvement//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", title)
    event.add("dtstart", start)
    if end:
        event.add("dtend", end)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def clock_time(value):
    """A time (or the time of a datetime) the way people write it, GOV.UK
    style: '10am', '2:30pm', 'midday', 'midnight'."""
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d}{suffix}" if value.minute else f"{hour}{suffix}"
