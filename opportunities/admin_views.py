"""The Involvement team's view of expressions of interest in the Wagtail admin."""

import django_filters
from django import forms
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column

from records.admin_views import InvolvementRecordFilterSet, InvolvementRecordViewSet, WaitingRecordsPanel

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


class ExpressionOfInterestViewSet(InvolvementRecordViewSet):
    model = ExpressionOfInterest
    name = "expressions_of_interest"
    icon = "group"
    menu_label = "Expressions of interest"
    menu_order = 210
    list_display = [
        "reference",
        "name",
        Column("opportunity_name", label="Opportunity"),
        "status",
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
        *ExpressionOfInterest.PERSON_FIELDS,
        "internal_notes",
    ]
    export_headings = {
        "opportunity_name": "Opportunity",
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
            waiting_statuses=[ExpressionOfInterest.Status.NEW],
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )


expressions_of_interest_viewset = ExpressionOfInterestViewSet()
