"""Forms for the Wagtail admin (staff-facing), as opposed to home/forms.py,
which serves the public forms."""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

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
