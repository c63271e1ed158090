from django.shortcuts import get_object_or_404, render

from .models import Programme


def programme_detail(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    return render(request, "programmes/programme_detail.html", {"programme": programme})
