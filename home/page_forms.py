"""The base form of every page type's editor: free slugs and plain words
about them. Apart from home/admin_forms.py because page models import it, and
that module's image form cannot be imported while models load."""

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

SLUG_HELP = (
    "The last part of the page's web address, e.g. 'spring-newsletter' in /news/spring-newsletter/. "
    "Leave it as it is and it is made from the title; if another page here already uses it, "
    "a number is added, e.g. 'spring-newsletter-2'. Use only small letters, numbers and hyphens."
)
SLUG_TAKEN = (
    "Another page in the same place already has the address '{slug}'. Choose a different one, "
    "e.g. '{suggestion}', or clear this box to have one made from the title."
)


def free_slug(base_slug, parent_page, page):
    """`base_slug`, or the first of base-2, base-3... that no sibling uses."""
    candidate, number = base_slug, 1
    while not Page._slug_is_available(candidate, parent_page, page):
        number += 1
        candidate = f"{base_slug}-{number}"
    return candidate


class FreeSlugFormMixin:
    """For every page form: a new page whose slug was left as made from the
    title (by Wagtail's script, or left empty without JavaScript) gets a free
    one, so an earlier abandoned page of the same name no longer blocks it.
    A slug the editor typed is kept; if it is taken they are told plainly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None:
            slug.required = False
            slug.help_text = SLUG_HELP

    def suggested_slug(self):
        """The slug this page would get from what the editor entered."""
        return slugify(self.cleaned_data.get("title") or "")

    def slug_was_left_as_suggested(self, slug):
        # Both: a page type may suggest its own pattern (meetings: group and
        # date) while the admin's JavaScript still fills the slug from the title.
        return not slug or slug in {self.suggested_slug(), slugify(self.cleaned_data.get("title") or "")}

    def clean(self):
        if "slug" in self.cleaned_data and self.parent_page is not None:
            self.clean_slug_against_siblings()
        return super().clean()

    def clean_slug_against_siblings(self):
        slug = self.cleaned_data["slug"]
        if self.slug_was_left_as_suggested(slug) and self.instance.pk is None:
            base = self.suggested_slug()
            if base:
                self.cleaned_data["slug"] = free_slug(base, self.parent_page, self.instance)
                return
        if not slug:
            self.add_error("slug", "Give the page a web address, or a title it can be made from.")
        elif not Page._slug_is_available(slug, self.parent_page, self.instance):
            suggestion = free_slug(slug, self.parent_page, self.instance)
            self.add_error("slug", SLUG_TAKEN.format(slug=slug, suggestion=suggestion))


class SitePageForm(FreeSlugFormMixin, WagtailAdminPageForm):
    """The base form of every page type on the site (each sets base_form_class)."""
