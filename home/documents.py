"""Download links that read as words. Wagtail titles an uploaded document with
its file name ("spring-newsletter-2027"), and that title is the link text
wherever a page gives none of its own."""

import re

FILE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}$")
SEPARATORS = re.compile(r"[-_]+")


def looks_like_file_name(title):
    """True for 'spring-newsletter-2027', 'minutes_march' or 'Minutes.pdf':
    hyphens or underscores where words would have spaces, or a file extension."""
    title = (title or "").strip()
    if FILE_EXTENSION.search(title):
        return True
    return " " not in title and bool(SEPARATORS.search(title))


def readable_title(title):
    """The title as words: 'spring-newsletter-2027' becomes 'Spring newsletter 2027'.
    A title that already reads as words is returned as it is."""
    if not looks_like_file_name(title):
        return title
    words = " ".join(SEPARATORS.sub(" ", FILE_EXTENSION.sub("", title.strip())).split())
    return words[:1].upper() + words[1:]


def document_link_text(document, label=""):
    """What a download link says: the page's own words for it, else the
    document's title made readable."""
    return (label or "").strip() or readable_title(document.title)
