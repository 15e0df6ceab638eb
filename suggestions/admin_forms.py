from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.utils import get_field_clean_name

from home.page_forms import FreeSlugFormMixin
from records.forms import HONEYPOT_FIELD

# Who is told about responses and which questions count as personal data:
# the Involvement team's decision (and superusers'), never an editor's.
SURVEY_PRIVACY_PERMISSION = "suggestions.change_privacy_formpage"


def may_change_survey_privacy(user):
    return user is not None and user.has_perm(SURVEY_PRIVACY_PERMISSION)


def with_locked_field(form_class, name):
    """`form_class` with field `name` shown but disabled: Django then ignores
    whatever is posted for it and keeps the stored value (False for a new
    question)."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if name in self.fields:
            self.fields[name].disabled = True

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


class FormPageAdminForm(FreeSlugFormMixin, WagtailAdminFormPageForm):
    """The survey editor. Refuses a question whose name would clash with the
    hidden anti-spam box, which would otherwise reject everyone who answered
    it. The "To address" is left out of the form for people without the
    survey privacy permission (FieldPanel's `permission`); the questions'
    "personal data" boxes are locked here, because Wagtail does not apply a
    panel's permission inside an InlinePanel."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("form_fields")
        if formset is not None and not may_change_survey_privacy(self.for_user):
            # Before the formset builds its forms (lazily), so every form,
            # including the blank one for new questions, is locked.
            formset.form = with_locked_field(formset.form, "personal_data")

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        for form in formset.forms if formset else []:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE") or not data.get("label"):
                continue
            if get_field_clean_name(data["label"]) == HONEYPOT_FIELD:
                form.add_error("label", "Please word this question differently, e.g. 'Your website address'.")
                self.add_error(None, "One of the questions needs rewording: see the message beside it.")
        return cleaned_data
