from django.shortcuts import get_object_or_404, render

from .models import Cluster, Company, Network, NetworkFigures


def home(request):
    context = {
        "network": Network.objects.first(),
        "latest": NetworkFigures.objects.first(),
        "clusters": Cluster.objects.public(),
    }
    return render(request, "clusters/home.html", context)


def cluster_detail(request, slug: str):
    cluster = get_object_or_404(Cluster.objects.public(), slug=slug)
    return render(request, "clusters/cluster_detail.html", {"cluster": cluster})


def company_detail(request, slug: str):
    company = get_object_or_404(Company.objects.all(), slug=slug)
    return render(request, "clusters/company_detail.html", {"company": company})
