"""Reading listing filters from the query string safely.

A value is used only when it is one of the known ones; anything else is
ignored, so `?kind=<script>` or `?year=abc` shows the normal, unfiltered list
(never a 500, never echoed back).
"""


def chosen(request, name, allowed):
    value = request.GET.get(name, "")
    return value if value in {str(option) for option in allowed} else ""


def chosen_year(request, years):
    value = chosen(request, "year", years)
    return int(value) if value else None
