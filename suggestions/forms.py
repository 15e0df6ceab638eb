from django import forms

from records.contact import ContactDetailsMixin, ContactMethod, validate_phone
from records.forms import PublicFormMixin

from .suggestion_box import Suggestion, SuggestionTopic

REPLY_YES = "yes"
REPLY_NO = "no"
# Asked only of people who want a reply; the contact details among them are
# handled by ContactDetailsMixin, the rest here.
REPLY_FIELDS = ("name", "contact_method", "email", "phone", "postal_address", "support_worker", "consent")
REPLY_ESSENTIALS = ("name", "contact_method", "consent")


def max_length_of(name):
    """The stored field's limit, so the form and the database agree."""
    return Suggestion._meta.get_field(name).max_length


class SuggestionForm(PublicFormMixin, ContactDetailsMixin, forms.ModelForm):
    """The public suggestion box. Anonymous unless the person asks for a reply;
    then only the one contact detail needed for the way they chose is kept."""

    template_name = "suggestions/includes/suggestion_fields.html"

    text = forms.CharField(
        label="Your suggestion",
        max_length=Suggestion.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Your idea, something that is not working, or something that is working well. You can write up "
        f"to {Suggestion.TEXT_MAX_LENGTH:,} characters. If you want to stay anonymous, do not put your name in it.",
        error_messages={
            "required": "Enter your suggestion",
            "max_length": f"Your suggestion must be {Suggestion.TEXT_MAX_LENGTH:,} characters or fewer. "
            "It has %(show_value)d",
        },
    )
    topic = forms.ModelChoiceField(
        label="What is it about?",
        queryset=SuggestionTopic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Something else, or not sure",
    )
    wants_reply = forms.TypedChoiceField(
        label="Do you want a reply?",
        choices=[(REPLY_NO, "No, I want to stay anonymous"), (REPLY_YES, "Yes, I would like a reply")],
        coerce=lambda value: value == REPLY_YES,
        widget=forms.RadioSelect,
        help_text="If you choose No, we will not know who sent it. You can still check what happened with the "
        "reference number we give you.",
        error_messages={"required": "Choose whether you want a reply"},
    )
    name = forms.CharField(
        label="What should we call you? (only if you want a reply)",
        max_length=100,
        required=False,
        help_text="A first name or nickname is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    contact_method = forms.ChoiceField(
        label="How should we reply? (only if you want a reply)",
        choices=ContactMethod.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label="Email address (only if you chose email)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    phone = forms.CharField(
        label="Phone number (only if you chose a phone call or text message)",
        max_length=max_length_of("phone"),
        required=False,
        help_text="For example 07700 900982.",
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    postal_address = forms.CharField(
        label="Postal address (only if you chose post)",
        required=False,
        max_length=max_length_of("postal_address"),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    support_worker = forms.CharField(
        label="Your support worker's name and where they work (only if you chose your support worker)",
        max_length=max_length_of("support_worker"),
        required=False,
    )
    consent = forms.BooleanField(
        label="I agree that the Involvement team can contact me about this suggestion",
        required=False,
    )

    missing_detail_messages = {
        "email": {"default": "Enter your email address, so we can reply"},
        "phone": {"default": "Enter your phone number, so we can ring or text you"},
        "postal_address": {"default": "Enter your postal address, so we can write to you"},
        "support_worker": {"default": "Enter your support worker's name and where they work"},
    }
    missing_reply_messages = {
        "name": "Tell us what to call you, or choose No if you do not want a reply",
        "contact_method": "Choose how we should reply, or choose No if you do not want a reply",
        "consent": "Tick the box to agree that we can contact you, or choose No if you do not want a reply",
    }

    class Meta:
        model = Suggestion
        fields = ["text", "topic", "wants_reply", *REPLY_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["wants_reply"] = REPLY_YES if self.instance.wants_reply else REPLY_NO
        for name in REPLY_FIELDS:
            self.fields[name].conditionally_required = True

    def main_fields(self):
        return [self[name] for name in ("text", "topic", "wants_reply")]

    def reply_fields(self):
        return [self[name] for name in REPLY_FIELDS]

    def wants_contact(self, cleaned_data):
        return bool(cleaned_data.get("wants_reply"))

    CONTRADICTION_MESSAGE = (
        "You chose “No, I want to stay anonymous” but also filled in how to reply to you. Choose “Yes, I would "
        "like a reply” if you want one, or empty the reply boxes to stay anonymous"
    )

    def typed_reply_details(self):
        """Names of the reply questions the person answered, whatever they chose
        above (read from what was sent, so a badly typed detail counts too)."""
        typed = []
        for name in REPLY_FIELDS:
            value = self.data.get(self.add_prefix(name), "")
            if str(value).strip():
                typed.append(name)
        return typed

    def clean(self):
        wants_reply = self.wants_contact(self.cleaned_data)
        if "wants_reply" in self.cleaned_data and not wants_reply and self.typed_reply_details():
            # Without JavaScript every reply box shows and "No" is ticked by default:
            # ask which they meant rather than silently throwing their details away.
            # Until they say, how well the details are typed does not matter.
            for name in REPLY_FIELDS:
                self.errors.pop(name, None)
            self.add_error("wants_reply", self.CONTRADICTION_MESSAGE)
            return self.cleaned_data
        cleaned = super().clean()  # contact details: ContactDetailsMixin
        for name in REPLY_ESSENTIALS:
            if not wants_reply:
                # No reply wanted: drop it, and any complaint about it, so it is never stored.
                self.errors.pop(name, None)
                cleaned[name] = False if name == "consent" else ""
            elif not cleaned.get(name) and name not in self.errors:
                self.add_error(name, self.missing_reply_messages[name])
        return cleaned
