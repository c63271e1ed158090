"""Public pages of the funding programmes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Programme


@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programmes/programme_list.html", {"programmes": Programme.objects.for_directory()}
    )


@require_safe
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_profile(), slug=slug)
    projects = programme.project_list
    context = {
        "programme": programme,
        "erdf_total": sum(project.erdf_funding_eur for project in projects),
        "private_total": sum(project.private_funding_eur for project in projects),
    }
    return render(request, "programmes/programme_detail.html", context)
