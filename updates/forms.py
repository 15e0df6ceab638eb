from django import forms

from home.forms import GovukFormMixin
from opportunities.models import OpportunityTheme, Rung
from records.forms import PublicFormMixin

from .models import Frequency, Topic


class ChoicesForm(GovukFormMixin, forms.Form):
    """What someone wants to hear about, and how often."""

    topics = forms.MultipleChoiceField(
        label="What would you like to hear about?",
        help_text="Tick all that apply.",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing you would like to hear about"},
    )
    rungs = forms.MultipleChoiceField(
        label="Only opportunities on these rungs of the ladder",
        help_text="Leave them all empty to hear about every new opportunity.",
        choices=Rung.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label="Only opportunities about these themes",
        help_text="Leave them all empty to hear about every theme.",
        queryset=OpportunityTheme.objects.order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    frequency = forms.ChoiceField(
        label="How often?",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often you would like an email"},
    )

    @classmethod
    def initial_for(cls, subscriber):
        return {
            "topics": subscriber.topics,
            "rungs": subscriber.rungs,
            "themes": list(subscriber.themes.all()),
            "frequency": subscriber.frequency,
        }

    def apply_to(self, subscriber):
        """Save the choices on `subscriber` (which may be new)."""
        data = self.cleaned_data
        subscriber.topics = list(data["topics"])
        subscriber.rungs = list(data["rungs"])
        subscriber.frequency = data["frequency"]
        subscriber.save()
        subscriber.themes.set(data["themes"])
        return subscriber


class SubscribeForm(PublicFormMixin, ChoicesForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    field_order = ["email", "topics", "rungs", "themes", "frequency"]

    def clean_email(self):
        # One subscriber per address, however it is typed.
        return self.cleaned_data["email"].strip().lower()
