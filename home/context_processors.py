from django.utils.functional import SimpleLazyObject

from home.cache import current_version


def content_version(request):
    """The site-wide content version (home/cache.py), for `{% cache %}`
    fragments that must change the moment content does. Read only when a
    template uses it."""
    return {"content_version": SimpleLazyObject(current_version)}
