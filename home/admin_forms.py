"""Forms for the Wagtail admin (staff-facing), as opposed to home/forms.py,
which serves the public forms."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .documents import looks_like_file_name, readable_title

IMAGE_DESCRIPTION_HELP = (
    "Describe what the image shows for someone who cannot see it, in one short sentence, e.g. "
    "'Two forum members talking over a cup of tea at the Hub'. Pages use this as the image's alt text "
    "wherever it appears without alt text of its own (lead and cover images)."
)
IMAGE_DESCRIPTION_REQUIRED = "Describe the image, so that people who cannot see it know what it shows."


class ImageForm(BaseImageForm):
    """The image upload and edit form (WAGTAILIMAGES_IMAGE_FORM_BASE): the
    description is required, because Wagtail uses it as the default alt text
    for images chosen by pages' image fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.help_text = IMAGE_DESCRIPTION_HELP
            description.error_messages["required"] = IMAGE_DESCRIPTION_REQUIRED


DOCUMENT_TITLE_HELP = (
    "The words people click to download it, e.g. 'Spring newsletter 2027', not the file name. "
    "Pages show it as the link unless they give their own words."
)
DOCUMENT_TITLE_LOOKS_LIKE_FILE_NAME = (
    "This title looks like a file name. Change it to words people will read, e.g. '{suggestion}'. "
    "Until you do, the site shows it as '{suggestion}'."
)


class DocumentForm(BaseDocumentForm):
    """The document upload and edit form (WAGTAILDOCS_DOCUMENT_FORM_BASE): the
    title is the link text, so a title that is still a file name gets a
    warning beside it. A warning, not an error: Wagtail's multiple uploader
    saves each file with its file name as the title before anyone can type
    one, and an error would make every such upload fail; the public site
    already turns such titles into words (home/documents.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title = self.fields.get("title")
        if title is None:
            return
        title.help_text = DOCUMENT_TITLE_HELP
        current = self.data.get(self.add_prefix("title")) if self.is_bound else self.instance.title
        if current and looks_like_file_name(current):
            title.help_text = DOCUMENT_TITLE_LOOKS_LIKE_FILE_NAME.format(suggestion=readable_title(current))
        # BaseDocumentForm has already made the title's BoundField, which copies
        # the help text when made; forget it so the form shows the text above.
        self._bound_fields_cache.pop("title", None)
