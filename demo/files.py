"""Make the files demo content needs (PDFs, images) in the loader itself, so
the repository carries no binaries and every file is a real, openable one."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def make_pdf(title, paragraphs, *, large_print=False):
    """A real, readable PDF: a title and paragraphs of text, wrapped to the page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    width, height = A4
    size = 18 if large_print else 11
    y = height - 2.5 * cm
    pdf.setFont("Helvetica-Bold", size + 6)
    pdf.drawString(2 * cm, y, title)
    y -= 1.5 * cm
    pdf.setFont("Helvetica", size)
    chars_per_line = int((width - 4 * cm) / (size * 0.5))
    for paragraph in paragraphs:
        words, line = paragraph.split(), ""
        for word in words:
            if len(line) + len(word) + 1 > chars_per_line:
                pdf.drawString(2 * cm, y, line)
                y -= size * 1.5
                line = ""
                if y < 2.5 * cm:
                    pdf.showPage()
                    pdf.setFont("Helvetica", size)
                    y = height - 2.5 * cm
            line = f"{line} {word}".strip()
        if line:
            pdf.drawString(2 * cm, y, line)
        y -= size * 2.2
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_filename(title):
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") + ".pdf"


def pdf_document(title, paragraphs, *, large_print=False):
    """A real PDF document, made only if one with this title does not exist yet."""
    existing = get_document_model().objects.filter(title=title).first()
    if existing is not None:
        return existing
    return ensure_document(title, pdf_filename(title), make_pdf(title, paragraphs, large_print=large_print))


def rewrite_pdf_document(document, title, paragraphs, *, large_print=False):
    """Give an existing demo PDF a new title and text in place (its id, and so
    every link to it, stays), for when the date it names has moved."""
    content = make_pdf(title, paragraphs, large_print=large_print)
    document.file.delete(save=False)
    document.title = title
    document.file_size = len(content)
    document.file.save(pdf_filename(title), ContentFile(content), save=False)
    document.save()


def ensure_document(title, filename, content):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        # The size is stored now so that "PDF, 240 KB" never has to open the file.
        document = Document(title=title, file_size=len(content))
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


def ensure_image(title, *, description, draw, filename=None):
    """An image made from the PNG bytes `draw()` returns, only if one with this title does not exist yet."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        # Passed to the constructor (not file.save) so Django reads the width and height.
        name = filename or f"{title.lower().replace(' ', '-')}.png"
        image = Image(title=title, description=description, file=ImageFile(ContentFile(draw()), name=name))
        image.save()
    return image
