"""Forms for the Wagtail admin (staff-facing), as opposed to home/forms.py,
which serves the public forms."""

from wagtail.images.forms import BaseImageForm

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
