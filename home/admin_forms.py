"""Forms for the Wagtail admin (staff-facing), as opposed to home/forms.py,
which serves the public forms."""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .documents import looks_like_file_name, readable_title

IMAGE_DESCRIPTION_HELP = (
    "Describe what the image shows for someone who cannot see it, in one short sentence, e.g. "
    "'Two forum members talking over a cup of tea at the Hub'. Pages use this as the image's alt text "
    "wherever it appears without alt text of its own (lead and cover images)."
)
IMAGE_DESCRIPTION_REQUIRED = "Describe the image, so that people who cannot see it know what it shows."


# What Pillow raises for files that are not images, are cut short or are
# built to exhaust memory (SyntaxError and struct errors come from some
# decoders on malformed headers).
BROKEN_IMAGE_ERRORS = (OSError, ValueError, SyntaxError, IndexError, EOFError, PILImage.DecompressionBombError)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, refusing with a form error (never a 500) files
    that Pillow cannot read to the end, and animations whose frames together
    exceed WAGTAILIMAGES_MAX_IMAGE_PIXELS (Willow counts only one frame)."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except BROKEN_IMAGE_ERRORS as error:
            raise self.invalid_image() from error
        self.check_every_frame_decodes(f)

    def invalid_image(self):
        return ValidationError(self.error_messages["invalid_image"], code="invalid_image")

    def check_every_frame_decodes(self, f):
        source = f.temporary_file_path() if hasattr(f, "temporary_file_path") else f
        try:
            with PILImage.open(source) as image:
                frames = getattr(image, "n_frames", 1)
                pixels = image.width * image.height * frames
                if self.max_image_pixels is not None and pixels > self.max_image_pixels:
                    raise ValidationError(
                        self.error_messages["file_too_many_pixels"]
                        % {"num_pixels": pixels, "max_pixels_count": self.max_image_pixels},
                        code="file_too_many_pixels",
                    )
                # Within the pixel limit now, so decoding every frame is bounded.
                for frame in range(frames):
                    image.seek(frame)
                    image.load()
        except BROKEN_IMAGE_ERRORS as error:
            raise self.invalid_image() from error
        finally:
            if hasattr(f, "seek"):
                f.seek(0)


class ImageForm(BaseImageForm):
    """The image upload and edit form (WAGTAILIMAGES_IMAGE_FORM_BASE): the
    description is required, because Wagtail uses it as the default alt text
    for images chosen by pages' image fields. Broken and oversized files are
    refused by SafeImageField."""

    file = SafeImageField(label="File")

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
