"""The Involvement team's view of expressions of interest in the Wagtail admin."""

import django_filters
from django import forms
from django.db.models import F
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from records.admin_views import (
    DaysWaitingColumn,
    InvolvementRecordFilterSet,
    InvolvementRecordViewSet,
    MessagePreviewColumn,
    RecordIndexView,
    WaitingRecordsPanel,
)

from .forms import ExpressionOfInterestAdminForm
from .models import ExpressionOfInterest, Rung


class ExpressionOfInterestFilterSet(InvolvementRecordFilterSet):
    rung = django_filters.ChoiceFilter(
        label="Rung on the ladder",
        field_name="opportunity__rung",
        choices=Rung.choices,
        empty_label="All",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ExpressionOfInterest
        fields = [*InvolvementRecordViewSet.common_list_filter, "opportunity"]


RUNG_LABELS = dict(Rung.choices)


def with_rung(queryset):
    """Each record's opportunity's rung, read in the same query (and empty,
    not an error, when the opportunity page has been deleted)."""
    return queryset.annotate(opportunity_rung=F("opportunity__rung"))


def rung_label(record):
    return RUNG_LABELS.get(record.opportunity_rung, "")


class ExpressionOfInterestIndexView(RecordIndexView):
    export_choices = {"opportunity_rung": Rung.choices}

    def get_base_queryset(self):
        return with_rung(super().get_base_queryset())


class ExpressionOfInterestViewSet(InvolvementRecordViewSet):
    model = ExpressionOfInterest
    name = "expressions_of_interest"
    icon = "group"
    menu_label = "Expressions of interest"
    menu_order = 210
    index_view_class = ExpressionOfInterestIndexView
    waiting_statuses = [ExpressionOfInterest.Status.NEW]
    list_display = [
        "reference",
        "name",
        MessagePreviewColumn("anything_else"),
        Column("opportunity_name", label="Opportunity"),
        Column("opportunity_rung", label="Rung", accessor=rung_label),
        "status",
        DaysWaitingColumn(waiting_statuses),
        "contact_method",
        "channel",
        *InvolvementRecordViewSet.common_list_display,
    ]
    filterset_class = ExpressionOfInterestFilterSet
    search_fields = ["reference", "name"]
    # Personal details are exported because the team needs them to follow
    # people up; only the Involvement team can reach this export.
    list_export = [
        *InvolvementRecordViewSet.common_export,
        "opportunity_name",
        "opportunity_rung",
        *ExpressionOfInterest.PERSON_FIELDS,
        "internal_notes",
    ]
    export_headings = {
        "opportunity_name": "Opportunity",
        "opportunity_rung": "Rung on the ladder",
        "name": "What to call them",
        "is_safeguarding_concern": "Safeguarding concern",
        "created_at": "Received",
    }
    export_filename = "expressions-of-interest"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("is_safeguarding_concern"), FieldPanel("internal_notes")],
                heading="Follow-up",
            ),
            MultiFieldPanel([FieldPanel("opportunity"), FieldPanel("channel")], heading="Opportunity and channel"),
            MultiFieldPanel(
                [FieldPanel(name) for name in ExpressionOfInterest.PERSON_FIELDS],
                heading="The person and how to contact them",
                help_text="Fill in only the contact detail for the way they chose. To enter one on someone's behalf, "
                "choose the channel it came by above.",
            ),
        ],
        base_form_class=ExpressionOfInterestAdminForm,
    )

    def waiting_panel(self):
        return WaitingRecordsPanel(
            model=self.model,
            title="Expressions of interest waiting for a reply",
            waiting_statuses=self.waiting_statuses,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
            message_field="anything_else",
            details=[("Opportunity", lambda record: record.opportunity_name), ("Rung", rung_label)],
            queryset=with_rung(ExpressionOfInterest.objects.all()),
        )


expressions_of_interest_viewset = ExpressionOfInterestViewSet()
