from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.utils import get_field_clean_name

from home.page_forms import FreeSlugFormMixin
from records.forms import HONEYPOT_FIELD


class FormPageAdminForm(FreeSlugFormMixin, WagtailAdminFormPageForm):
    """Refuses a question whose name would clash with the hidden anti-spam
    box, which would otherwise reject everyone who answered it."""

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
