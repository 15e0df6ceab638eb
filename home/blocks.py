"""The one set of StreamField blocks every page body uses.

Kept small on purpose: comms staff get what plain-English pages need, and
nothing that lets a page break the site's look or accessibility.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# The one list of rich text features is the default editor's, in settings.
# Headings are for page bodies; a short section inside a page (a details
# block, one part of an opportunity, a thank-you note) gets the rest.
RICH_TEXT_FEATURES = settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]["OPTIONS"]["features"]
SHORT_TEXT_FEATURES = [feature for feature in RICH_TEXT_FEATURES if feature not in {"h2", "h3", "h4"}]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="Keep headings short and clear.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (H2)"), ("h3", "Sub-heading (H3)"), ("h4", "Minor heading (H4)")],
        default="h2",
        help_text="Use H2 for main sections and H3 or H4 inside them, in order.",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"


class FigureBlock(ImageBlock):
    """An image with alt text required unless it is marked decorative."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.child_blocks[
            "alt_text"
        ].field.help_text = (
            "Describe what the image shows for people who cannot see it. Leave empty only if you tick 'decorative'."
        )

    class Meta:
        icon = "image"
        template = "home/blocks/figure.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="What the button says, e.g. 'Tell us your idea'.")
    page = blocks.PageChooserBlock(required=False, help_text="A page on this site…")
    url = blocks.URLBlock(required=False, help_text="…or a web address, if it is not a page on this site.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a web address (one, not both).")}
            )
        return value

    class Meta:
        icon = "link"
        template = "home/blocks/call_to_action.html"


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    documents = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("document", DocumentChooserBlock()),
                ("label", blocks.CharBlock(required=False, help_text="Optional. Defaults to the document's title.")),
            ]
        )
    )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_links.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(
        max_length=120, help_text="The line people click to open it, e.g. 'Can I bring someone?'"
    )
    content = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "list-ul"
        template = "home/blocks/details.html"
        label = "Details (show/hide)"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional. Never a full name without consent."
    )

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = FigureBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentLinksBlock()
    details = DetailsBlock()
    quote = QuoteBlock()


class FooterLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    title = blocks.CharBlock(required=False, max_length=60, help_text="Optional. Defaults to the page's title.")

    class Meta:
        icon = "link"
