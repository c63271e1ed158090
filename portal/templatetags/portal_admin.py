from django import template

from portal.activity import staff_dashboard

register = template.Library()


@register.inclusion_tag("portal/admin/dashboard.html")
def portal_staff_dashboard() -> dict:
    """The staff dashboard on the admin's front page (see templates/admin/index.html)."""
    return staff_dashboard()
