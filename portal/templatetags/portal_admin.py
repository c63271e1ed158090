from django import template

from portal.activity import staff_dashboard

register = template.Library()


@register.inclusion_tag("portal/admin/dashboard.html", takes_context=True)
def portal_staff_dashboard(context: template.Context) -> dict:
    """The staff dashboard on the admin's front page (see templates/admin/index.html); the CSRF token
    lets staff approve or reject figures from it."""
    return {**staff_dashboard(), "csrf_token": context.get("csrf_token")}
