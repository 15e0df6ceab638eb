"""The meeting page's editor form: a title and slug made from the group and
date, and nothing that only exists after a meeting (minutes, decisions, who
attended) on a meeting that has not happened yet."""

from datetime import datetime

from django.utils import timezone
from django.utils.html import strip_tags

from home.page_forms import SitePageForm

TITLE_HELP = (
    "Leave empty to use the group and date, e.g. 'Service User Forum, 5 March 2027'. "
    "The web address is made the same way, e.g. 'service-user-forum-2027-03-05'."
)
NOT_HAPPENED_YET = "The meeting is on {day}, which has not come yet. {what} once the meeting has happened."


class MeetingMinutesPageForm(SitePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = TITLE_HELP

    def group_and_date(self):
        return self.cleaned_data.get("group"), self.cleaned_data.get("date")

    def suggested_slug(self):
        group, day = self.group_and_date()
        if group and day:
            return self.instance.slug_for(group, day)
        return super().suggested_slug()

    def clean(self):
        self.fill_in_title()
        self.refuse_what_only_follows_a_meeting()
        return super().clean()

    def fill_in_title(self):
        if self.cleaned_data.get("title", "").strip() or "title" in self.errors:
            return
        group, day = self.group_and_date()
        if group and day:
            self.cleaned_data["title"] = self.instance.title_for(group, day)
        else:
            self.add_error("title", "Give the meeting a title, or choose its group and date to have one made.")

    def meeting_is_ahead(self):
        day, start = self.cleaned_data.get("date"), self.cleaned_data.get("start_time")
        if day is None or start is None:
            return False
        return timezone.make_aware(datetime.combine(day, start)) > timezone.now()

    def refuse_what_only_follows_a_meeting(self):
        if not self.meeting_is_ahead():
            return
        day = self.cleaned_data["date"].strftime("%-d %B %Y")
        if strip_tags(self.cleaned_data.get("decisions") or "").strip():
            self.add_error("decisions", NOT_HAPPENED_YET.format(day=day, what="Add the decisions"))
        for field in ("minutes_document", "easy_read_minutes"):
            if self.cleaned_data.get(field):
                self.add_error(field, NOT_HAPPENED_YET.format(day=day, what="Add the minutes"))
        self.refuse_attendance(day)

    def refuse_attendance(self, day):
        attendance = self.formsets.get("attendance")
        # The child formsets are cleaned after this form; clean them now to read them.
        if attendance is None or not attendance.is_valid():
            return
        for form in attendance.forms:
            data = form.cleaned_data
            if data.get("role") and not data.get("DELETE"):
                form.add_error("role", NOT_HAPPENED_YET.format(day=day, what="Say who attended"))
                self.add_error(None, "Who attended can only be added once the meeting has happened: see below.")
