from django import template

from home.charts import bar_chart_svg

register = template.Library()


@register.simple_tag
def bar_chart(figure):
    """`{% bar_chart figure %}`: the figure as an inline SVG bar chart."""
    return bar_chart_svg(figure)
