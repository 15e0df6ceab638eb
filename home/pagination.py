from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The requested page of `items`. A missing, non-numeric or out-of-range
    ?page= gives the nearest real page instead of an error."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))


def elided_page_range(page):
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
