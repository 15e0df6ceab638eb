from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from records.contact import CONTACT_DETAIL_FIELDS, ContactDetailsMixin, ContactMethod
from records.forms import PublicFormMixin

from .expressions_of_interest import ExpressionOfInterest


class ExpressionOfInterestForm(PublicFormMixin, ContactDetailsMixin, forms.ModelForm):
    """The public form at /get-involved/<slug>/express-interest/."""

    template_name = "opportunities/includes/express_interest_fields.html"

    contact_method = forms.ChoiceField(
        label="How should we contact you?",
        help_text="Choose one. We will ask only for the detail that goes with it.",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should contact you"},
    )
    consent = forms.BooleanField(
        label="I agree that the Involvement team can contact me about this opportunity",
        help_text="We only use your details to talk to you about this. Saying you are interested does not commit "
        "you to anything.",
        error_messages={"required": "Tick the box to say we can contact you about this opportunity"},
    )

    missing_detail_messages = {
        "email": {"default": "Enter your email address, or choose another way for us to contact you"},
        "phone": {
            "default": "Enter your phone number, or choose another way for us to contact you",
            ContactMethod.TEXT: "Enter a mobile number we can text, or choose another way for us to contact you",
        },
        "postal_address": {"default": "Enter your postal address, or choose another way for us to contact you"},
        "support_worker": {"default": "Enter your support worker’s name and how we can reach them"},
    }
    # Short names for "… must be N characters or fewer".
    field_names = {
        "name": "What we should call you",
        "email": "Your email address",
        "phone": "Your phone number",
        "postal_address": "Your postal address",
        "support_worker": "Your support worker’s details",
        "best_times": "Best times to contact you",
        "access_needs": "Access needs or support",
        "anything_else": "Anything else",
    }
    detail_fields = CONTACT_DETAIL_FIELDS

    class Meta:
        model = ExpressionOfInterest
        fields = ExpressionOfInterest.PERSON_FIELDS
        labels = {
            "name": "What should we call you?",
            "email": "Email address (if you chose email)",
            "phone": "Phone number (if you chose phone call or text message)",
            "postal_address": "Postal address (if you chose post)",
            "support_worker": "Your support worker’s name and how we can reach them (if you chose your support worker)",
            "best_times": "Best times to contact you",
            "access_needs": "Access needs or support you would like",
            "anything_else": "Anything else you want to tell us",
        }
        help_texts = {
            "name": "Your first name or a name you like to be called is fine.",
            "email": "We will send your reference number to this address.",
            "phone": "For text messages, give a mobile number.",
            "postal_address": "Include the postcode if you know it.",
            "support_worker": "Add the service they work for if you know it, and their phone number or email address.",
            "best_times": "For example, weekday mornings, or not on Fridays.",
            "access_needs": "For example, a step-free room, a quiet space, large print, an interpreter, or someone "
            "to come with you.",
            "anything_else": "For example, questions about the opportunity.",
        }
        widgets = {
            "postal_address": forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
            "access_needs": forms.Textarea(attrs={"rows": 4}),
            "anything_else": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": "Enter what we should call you"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].widget.attrs["autocomplete"] = "nickname"
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        for name, short_name in self.field_names.items():
            field = self.fields[name]
            field.error_messages["max_length"] = f"{short_name} must be {field.max_length} characters or fewer"
        for name in self.detail_fields:
            # Not "(optional)": one of them is needed, and the label says which.
            self.fields[name].conditionally_required = True

    def contact_choices(self):
        """Each way we can contact someone, with the detail boxes that belong
        under it (GOV.UK conditional reveal). A box needed by several ways
        (a phone number for calls and texts) goes under the last of them and is
        revealed by any of them; without JavaScript every box shows, each under
        its own answer."""
        ways_needing = {}
        for method, names in self.details_for_method.items():
            for name in names:
                ways_needing.setdefault(name, []).append(str(method))
        choices = []
        for radio in self["contact_method"].subwidgets:
            value = str(radio.data["value"])
            names = [name for name in self.detail_fields if ways_needing.get(name, [None])[-1] == value]
            choices.append(
                {
                    "radio": radio,
                    "details": [self[name] for name in names],
                    "reveal_values": " ".join(ways_needing[names[0]]) if names else "",
                }
            )
        return choices

    def trailing_fields(self):
        return [self[name] for name in ("best_times", "access_needs", "anything_else", "consent")]


class ExpressionOfInterestAdminForm(ContactDetailsMixin, WagtailAdminModelForm):
    """Staff editing one, or entering one on someone's behalf."""

    missing_detail_messages = {
        "email": {"default": "Enter their email address, or choose another way to contact them"},
        "phone": {"default": "Enter their phone number, or choose another way to contact them"},
        "postal_address": {"default": "Enter their postal address, or choose another way to contact them"},
        "support_worker": {"default": "Enter their support worker’s name and how to reach them"},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contact_method" in self.fields:
            # Optional on a suggestion (anonymous by default), never on an expression of interest.
            self.fields["contact_method"].required = True
        if "consent" in self.fields and not self.instance.pk:
            self.fields["consent"].required = True
            self.fields["consent"].error_messages["required"] = (
                "Only enter it once they have agreed to be contacted about this opportunity"
            )

    def clean(self):
        cleaned_data = super().clean()
        if "opportunity" in self.fields and not cleaned_data.get("opportunity") and not self.instance.opportunity_title:
            self.add_error("opportunity", "Choose the opportunity they are interested in")
        return cleaned_data
