"""Views of the cluster portal, where cluster managers keep their cluster's entry current.

Who may do what: every view needs a logged-in user who manages the cluster named in the URL, and
checks it on every request (nothing is cached in the session), so removing a manager takes effect on
their next request. Another cluster's URL answers 404, and so does the id of a membership, contact or
figures row that does not belong to the cluster. Staff are no exception: they work in the admin and
see a cluster in the portal only if they are also one of its managers.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from clusters.models import Cluster, Company, Contact, Membership, YearlyFigures
from clusters.services import EditConflict, ImportRefused
from core.pagination import uncounted_page
from reports import notifications
from reports.models import ReportingRound

from . import member_lists, services
from .forms import (
    ClusterProfileForm,
    CompanyDetailsForm,
    CompanySearchForm,
    ContactForm,
    FiguresForm,
    MemberImportForm,
    MemberListSearchForm,
    MembershipEndForm,
    MembershipForm,
    NewCompanyForm,
)

MEMBERS_PER_PAGE = 50
HELD_BACK_EMAIL = _lazy(
    "The general e-mail looks like a person's address, so it is not published until the network's "
    "staff confirm that it is the cluster's own."
)


def manager_view(*methods: str, row: Callable[[Cluster], QuerySet] | None = None, key: str = "pk"):
    """A portal view of the cluster named by the URL's slug, for its managers only.

    Logs the visitor in first; then a cluster the user does not manage answers 404 whatever the
    method, and so does a row id (URL argument `key`) that `row(cluster)` does not hold; only then
    is the method checked (405), so a foreign URL tells nothing. The view gets the cluster instead
    of the slug and, with `row`, the row (third argument) instead of its id.
    """

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
            cluster = get_object_or_404(Cluster.objects.managed_by(request.user), slug=slug)
            found = () if row is None else (get_object_or_404(row(cluster), pk=kwargs.pop(key)),)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, cluster, *found, **kwargs)

        return wrapped

    return decorator


def _saved(form: ModelForm, save: Callable, **kwargs) -> bool:
    """Run `save(form)`; on an edit conflict put the reason on the form and return False."""
    try:
        save(form, **kwargs)
    except EditConflict:
        message = _(
            "Someone else saved a change to this record while you were editing it. Their change was "
            "kept and yours was not saved: reload the page to see it, then make your change again."
        )
        form.add_error(None, ValidationError(message, code="conflict"))
        return False
    return True


def _submit_figures(form: ModelForm, *, request: HttpRequest) -> YearlyFigures:
    """Submit the figures form, then tell the staff who review figures."""
    figures = services.figures_submit(form, user=request.user)
    notifications.figures_submitted(figures, base_url=request.build_absolute_uri("/"))
    return figures


def _render(request: HttpRequest, template: str, context: dict, *forms) -> HttpResponse:
    """Render a page; 409 Conflict when a form was refused because the record changed meanwhile."""
    conflict = any(form.has_error(NON_FIELD_ERRORS, code="conflict") for form in forms)
    return render(request, template, context, status=409 if conflict else 200)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The user's clusters; a manager of a single cluster goes straight to it."""
    clusters = list(Cluster.objects.managed_by(request.user))
    if len(clusters) == 1:
        return redirect("portal:cluster", slug=clusters[0].slug)
    return render(request, "portal/index.html", {"clusters": clusters})


@manager_view("GET")
def cluster_home(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    figures = list(cluster.figures.order_by("-year"))
    last_year = timezone.localdate().year - 1
    # A round stops asking once the year's figures are submitted or approved.
    given = {
        item.year
        for item in figures
        if item.status in {YearlyFigures.Status.SUBMITTED, YearlyFigures.Status.APPROVED}
    }
    asking = [round for round in ReportingRound.objects.collecting() if round.year not in given]
    context = {
        "cluster": cluster,
        "last_year": last_year,
        "rounds_asking": asking,
        "missing_last_year": all(item.year != last_year for item in figures)
        and all(round.year != last_year for round in asking),
        "pending": [item for item in figures if item.status == YearlyFigures.Status.SUBMITTED],
        "rejected": [item for item in figures if item.status == YearlyFigures.Status.REJECTED],
        "member_count": cluster.memberships.current().count(),
        "contact_count": cluster.contacts.count(),
    }
    return render(request, "portal/cluster_home.html", context)


@manager_view("GET", "POST")
def profile(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    form = ClusterProfileForm(request.POST or None, request.FILES or None, instance=cluster)
    if form.is_bound and form.is_valid() and _saved(form, services.portal_form_save):
        messages.success(request, _("The profile was saved and is public now."))
        if not Cluster.objects.with_email_check().get(pk=cluster.pk).public_email and cluster.email:
            messages.warning(request, HELD_BACK_EMAIL)
        return redirect("portal:profile", slug=cluster.slug)
    return _render(request, "portal/profile.html", {"cluster": cluster, "form": form}, form)


def _year_asked(request: HttpRequest) -> int:
    """The year a reporting round's e-mail links to (``?year=``), else last year."""
    year = request.GET.get("year", "")
    if year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100:
        return int(year)
    return timezone.localdate().year - 1


@manager_view("GET", "POST")
def figures(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    form = FiguresForm(
        request.POST or None,
        instance=YearlyFigures(cluster=cluster),
        initial={"year": _year_asked(request)},
    )
    if form.is_bound and form.is_valid() and _saved(form, _submit_figures, request=request):
        messages.success(
            request, _("The figures were submitted; they become public once staff approve them.")
        )
        return redirect("portal:figures", slug=cluster.slug)
    context = {"cluster": cluster, "form": form, "figures": cluster.figures.order_by("-year", "status")}
    return _render(request, "portal/figures.html", context, form)


@manager_view("GET", "POST", row=lambda cluster: cluster.figures.all())
def figures_edit(request: HttpRequest, cluster: Cluster, current: YearlyFigures) -> HttpResponse:
    """Edit unapproved figures, or submit a correction of approved ones (which stay public meanwhile)."""
    correction = current.status == YearlyFigures.Status.APPROVED
    if correction:
        instance = YearlyFigures(cluster=cluster, year=current.year)
        initial = model_to_dict(current, fields=FiguresForm._meta.fields)
    else:
        instance, initial = current, None
    form = FiguresForm(request.POST or None, instance=instance, initial=initial, fixed_year=True)
    if form.is_bound and form.is_valid() and _saved(form, _submit_figures, request=request):
        messages.success(
            request, _("The figures were submitted; they become public once staff approve them.")
        )
        return redirect("portal:figures", slug=cluster.slug)
    waiting = cluster.figures.unapproved().filter(year=current.year).first() if correction else None
    context = {
        "cluster": cluster,
        "form": form,
        "figures": current,
        "correction": correction,
        "waiting": waiting,
    }
    return _render(request, "portal/figures_edit.html", context, form)


@manager_view("GET")
def members(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    """The cluster's members, a page at a time, searchable; and the search for a company to add."""
    search = CompanySearchForm(request.GET or None)
    listing = MemberListSearchForm(request.GET or None)
    memberships = listing.filter(cluster.memberships.all())
    page = uncounted_page(memberships, request.GET, MEMBERS_PER_PAGE)
    context = {
        "cluster": cluster,
        "search": search,
        "results": list(search.results()),
        "listing": listing,
        "page": page,
        "showing_ended": listing.showing_ended(),
        # Counted without the search, from the (cluster, until) index; matches of a search are not.
        "listed_count": cluster.memberships.filter(until__isnull=not listing.showing_ended()).count(),
        "ended_count": cluster.memberships.filter(until__isnull=False).count(),
    }
    return render(request, "portal/members.html", context)


@manager_view("GET", "POST", row=Company.objects.in_cluster, key="company_pk")
def member_edit(request: HttpRequest, cluster: Cluster, company: Company) -> HttpResponse:
    """Correct the public details of a current member company; any other company answers 404."""
    form = CompanyDetailsForm(request.POST or None, instance=company)
    if form.is_bound and form.is_valid() and _saved(form, services.portal_form_save):
        messages.success(request, _("The details of %(company)s were saved.") % {"company": company})
        return redirect("portal:members", slug=cluster.slug)
    context = {"cluster": cluster, "company": company, "form": form}
    return _render(request, "portal/member_edit.html", context, form)


@manager_view("GET", "POST")
def member_import(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    """Upload a member list, see what it would change, then confirm: all rows or none."""
    form = MemberImportForm(request.POST or None, request.FILES or None)
    context = {"cluster": cluster, "form": form}
    if form.is_bound and form.is_valid():
        token = form.cleaned_data.get("token")
        try:
            if token:
                report = member_lists.confirm(request, cluster=cluster, token=token)
                messages.success(request, report.summary())
                return redirect("portal:members", slug=cluster.slug)
            context["token"], context["report"] = member_lists.preview(
                request, cluster=cluster, upload=form.cleaned_data["file"]
            )
        except ImportRefused as exc:
            context["errors"] = exc.errors
    return render(request, "portal/member_import.html", context)


@manager_view("GET", "POST", row=lambda cluster: Company.objects.all(), key="company_pk")
def member_add(request: HttpRequest, cluster: Cluster, company: Company) -> HttpResponse:
    form = MembershipForm(request.POST or None, instance=Membership(cluster=cluster, company=company))
    if form.is_bound and form.is_valid() and _saved(form, services.membership_add):
        messages.success(request, _("%(company)s was added as a member.") % {"company": company})
        return redirect("portal:members", slug=cluster.slug)
    context = {"cluster": cluster, "company": company, "form": form}
    return _render(request, "portal/member_add.html", context, form)


@manager_view("GET", "POST")
def member_new(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    """Create a company that is not in the directory yet and make it a member."""
    company_form = NewCompanyForm(request.POST or None, prefix="company")
    form = MembershipForm(request.POST or None, prefix="membership", instance=Membership(cluster=cluster))
    if (
        form.is_bound
        and all([company_form.is_valid(), form.is_valid()])
        and _saved(form, services.membership_add, company_form=company_form)
    ):
        messages.success(
            request, _("%(company)s was added as a member.") % {"company": form.instance.company}
        )
        return redirect("portal:members", slug=cluster.slug)
    context = {"cluster": cluster, "company_form": company_form, "form": form}
    return _render(request, "portal/member_new.html", context, form)


@manager_view("GET", "POST", row=lambda cluster: cluster.memberships.current().select_related("company"))
def member_end(request: HttpRequest, cluster: Cluster, membership: Membership) -> HttpResponse:
    form = MembershipEndForm(request.POST or None, instance=membership)
    if form.is_bound and form.is_valid() and _saved(form, services.membership_end):
        messages.success(
            request, _("The membership of %(company)s was ended.") % {"company": membership.company}
        )
        return redirect("portal:members", slug=cluster.slug)
    context = {"cluster": cluster, "membership": membership, "form": form}
    return _render(request, "portal/member_end.html", context, form)


@manager_view("GET", "POST")
def contacts(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    instance = Contact(cluster=cluster, organisation=Contact.Organisation.CLUSTER)
    form = ContactForm(request.POST or None, instance=instance)
    if form.is_bound and form.is_valid() and _saved(form, services.contact_save, user=request.user):
        messages.success(request, _("%(name)s was added.") % {"name": form.instance.full_name})
        return redirect("portal:contacts", slug=cluster.slug)
    context = {"cluster": cluster, "form": form, "contacts": cluster.contacts.for_portal()}
    return _render(request, "portal/contacts.html", context, form)


@manager_view("GET", "POST", row=lambda cluster: cluster.contacts.with_person())
def contact_edit(request: HttpRequest, cluster: Cluster, contact: Contact) -> HttpResponse:
    form = ContactForm(request.POST or None, instance=contact)
    if form.is_bound and form.is_valid() and _saved(form, services.contact_save, user=request.user):
        messages.success(request, _("%(name)s was saved.") % {"name": contact.full_name})
        return redirect("portal:contacts", slug=cluster.slug)
    return _render(
        request, "portal/contact_edit.html", {"cluster": cluster, "contact": contact, "form": form}, form
    )


@manager_view("POST", row=lambda cluster: cluster.contacts.with_person())
def contact_delete(request: HttpRequest, cluster: Cluster, contact: Contact) -> HttpResponse:
    name = contact.full_name
    if services.contact_delete(contact, user=request.user):
        messages.success(request, _("%(name)s was removed and their details erased.") % {"name": name})
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": name})
    return redirect("portal:contacts", slug=cluster.slug)
