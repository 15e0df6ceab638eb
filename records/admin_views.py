"""Wagtail admin for records people send in (suggestions, expressions of
interest): one base view set that both apps subclass, so the Involvement team
gets the same listing, filters, search, spreadsheet export, safeguarding
marker, status history and "enter on someone's behalf" form everywhere.

Access follows Django model permissions (view/add/change), which each app's
migration grants to the Involvement team only: everyone else gets no menu item
and a 403 on the URLs.
"""

from functools import wraps

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseForbidden
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from laces.components import Component
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.groups import INVOLVEMENT_TEAM

from .exports import ReadableSpreadsheetMixin

STATUS_CHANGED = "sui.status_changed"
MESSAGE_PREVIEW_LENGTH = 80


def can_read_messages(user):
    """What people wrote is for the Involvement team (and superusers) only.
    Stricter than the view permission on purpose: if someone ever grants
    another group access to the records, it still never shows them what
    people wrote."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=INVOLVEMENT_TEAM).exists())


def first_line(text, length=MESSAGE_PREVIEW_LENGTH):
    """Enough of a message to triage by, on one line."""
    lines = (text or "").strip().splitlines()
    return Truncator(lines[0].strip()).chars(length) if lines else ""


def days_waiting(record, waiting_statuses):
    """Whole days since it came in, while it still waits for the team; None
    once it has moved on."""
    if record.status not in waiting_statuses:
        return None
    return (timezone.localdate() - timezone.localdate(record.created_at)).days


def describe_days(days):
    if days is None:
        return ""
    if days == 0:
        return "Today"
    return "1 day" if days == 1 else f"{days} days"


class SafeguardingColumn(Column):
    """Makes flagged records stand out in the listing."""

    cell_template_name = "records/admin/safeguarding_cell.html"

    def __init__(self, name="is_safeguarding_concern", **kwargs):
        kwargs.setdefault("label", "Safeguarding")
        super().__init__(name, **kwargs)


class MessagePreviewColumn(Column):
    """The first line of what the person wrote. `RecordIndexView` leaves it
    out for anyone outside the Involvement team."""

    shows_message = True

    def __init__(self, name, label="Message", **kwargs):
        super().__init__(name, label=label, **kwargs)

    def get_value(self, instance):
        return first_line(super().get_value(instance))


class DaysWaitingColumn(Column):
    def __init__(self, waiting_statuses, name="days_waiting", **kwargs):
        kwargs.setdefault("label", "Waiting")
        kwargs.setdefault("classname", "sui-nowrap")
        super().__init__(name, **kwargs)
        self.waiting_statuses = waiting_statuses

    def get_value(self, instance):
        return describe_days(days_waiting(instance, self.waiting_statuses))


class RecordTable(Table):
    """Flagged rows carry a class that colours them (records/admin.css), next
    to the words "Safeguarding concern" in their own column."""

    def get_row_classname(self, instance):
        return "sui-flagged" if instance.is_safeguarding_concern else ""


class RecordIndexView(ReadableSpreadsheetMixin, IndexView):
    """The listing and the spreadsheet export of a record type."""

    table_class = RecordTable

    @cached_property
    def columns(self):
        columns = super().columns
        if not can_read_messages(self.request.user):
            columns = [column for column in columns if not getattr(column, "shows_message", False)]
        for column in columns:
            if column.name == "reference":
                column.classname = "sui-nowrap"
        return columns


class InvolvementRecordFilterSet(WagtailFilterSet):
    """Base for a record listing's `filterset_class`: a "received between"
    date range (a plain `created_at` in list_filter would only match an exact
    moment). Subclasses add their own filters and set Meta.model and fields."""

    created_at = django_filters.DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)


class RecordEditView(EditView):
    """Logs every status change (who, when, from what to what) in the record's history."""

    def save_instance(self):
        instance = super().save_instance()
        if "status" in self.form.changed_data:
            field = instance._meta.get_field("status")
            old_label = dict(field.flatchoices).get(self.form.initial.get("status"), self.form.initial.get("status"))
            log(
                instance,
                STATUS_CHANGED,
                user=self.request.user,
                data={"from": str(old_label), "to": instance.get_status_display()},
            )
        return instance


def forbidden_not_redirect(view):
    """Wagtail answers a refused permission with a redirect to the dashboard.
    Around records and the lists people edit for them, answer a plain 403
    instead, so a refusal can never be mistaken for success by a person, a
    proxy or a test."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden("Sorry, you do not have permission to see this.")

    return wrapped


class ForbiddenNotRedirectViewSetMixin:
    """For a view set: every one of its views refuses with a 403."""

    def get_urlpatterns(self):
        return decorate_urlpatterns(super().get_urlpatterns(), forbidden_not_redirect)


class ForbiddenNotRedirectViewMixin:
    """For a class-based admin view: a refused permission answers 403."""

    def dispatch(self, request, *args, **kwargs):
        return forbidden_not_redirect(super().dispatch)(request, *args, **kwargs)


class InvolvementRecordViewSet(ForbiddenNotRedirectViewSetMixin, ModelViewSet):
    index_view_class = RecordIndexView
    edit_view_class = RecordEditView
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    # Plain database search over a few fields: personal data is never copied
    # into the site-wide search index.
    search_backend_name = None

    common_list_display = [SafeguardingColumn(), DateColumn("created_at", label="Received")]
    common_list_filter = ["status", "channel", "is_safeguarding_concern", "created_at"]
    common_export = ["reference", "status", "channel", "is_safeguarding_concern", "created_at", "updated_at"]

    def on_register(self):
        """Every record type's list gets its dashboard panel of waiting
        records (`waiting_panel()`), for people who may view the records."""
        super().on_register()
        hooks.register("construct_homepage_panels", self.add_waiting_panel)

    def add_waiting_panel(self, request, panels):
        if self.permission_policy.user_has_permission(request.user, "view"):
            panels.append(self.waiting_panel())


class WaitingRecordsPanel(Component):
    """Dashboard panel: how many records wait for a first look, how many are
    flagged, and the most recent few at a glance (flagged first), for people
    who may see them. The message's first line shows to the Involvement team
    only.

    `details` is a list of (heading, function of a record) for the columns a
    record type adds, such as the topic or the opportunity and its rung."""

    template_name = "records/admin/waiting_records_panel.html"
    order = 90

    def __init__(
        self,
        *,
        model,
        title,
        waiting_statuses,
        index_url_name,
        edit_url_name,
        message_field,
        details=(),
        queryset=None,
        limit=5,
    ):
        self.model = model
        self.title = title
        self.waiting_statuses = waiting_statuses
        self.index_url_name = index_url_name
        self.edit_url_name = edit_url_name
        self.message_field = message_field
        self.details = details
        self.queryset = queryset if queryset is not None else model.objects.all()
        self.limit = limit

    @property
    def name(self):
        return f"waiting_{self.model._meta.model_name}"

    def get_context_data(self, parent_context=None):
        request = (parent_context or {}).get("request")
        show_messages = request is not None and can_read_messages(request.user)
        waiting = Q(status__in=self.waiting_statuses)
        counts = self.model.objects.aggregate(
            waiting=Count("pk", filter=waiting),
            flagged=Count("pk", filter=waiting & Q(is_safeguarding_concern=True)),
        )
        recent = self.queryset.filter(waiting).order_by("-is_safeguarding_concern", "-created_at")[: self.limit]
        return {
            "panel_id": self.name,
            "title": self.title,
            "counts": counts,
            "show_messages": show_messages,
            "detail_headings": [heading for heading, _value in self.details],
            "rows": [self.row(record, show_messages) for record in recent],
            "index_url": reverse(self.index_url_name),
        }

    def row(self, record, show_messages):
        return {
            "record": record,
            "url": reverse(self.edit_url_name, args=[record.pk]),
            "message": first_line(getattr(record, self.message_field)) if show_messages else "",
            "details": [value(record) for _heading, value in self.details],
            "waiting": describe_days(days_waiting(record, self.waiting_statuses)),
        }


class StatusChangedFormatter(LogFormatter):
    """How a status change reads in a record's history."""

    label = "Status changed"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return f"Status changed from “{data.get('from', '?')}” to “{data.get('to', '?')}”"
