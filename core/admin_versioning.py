"""No lost updates in the admin: a change form is refused when its row changed after it was loaded.

The portal guards its edits the same way (``portal.services``): the form carries the version of the
row it showed, and the save is refused if the row in the database has another one. Here the version
is a fingerprint of every column (``updated_at`` included where the model has one), so it works for
models without ``updated_at`` too. The check runs inside the admin's transaction with the row
locked (``select_for_update`` on PostgreSQL), so two saves cannot both pass it.

A post that changes an existing row but carries no version at all (not sent from a form the admin
rendered) is refused too, with its own message: it cannot say what its sender saw.

Use ``VersionCheckedAdminMixin`` on a ModelAdmin and ``VersionCheckedInlineMixin`` on its inlines.
"""

import hashlib

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .number_fields import TypedNumbersAdminMixin, TypedNumbersFormMixin

VERSION_FIELD = "row_version"
MISSING_VERSION_MESSAGE = _(
    "This form was sent without the version of the record it was opened with, so nothing was "
    "saved. Open the record again and make your changes there."
)


def row_version(instance: models.Model) -> str:
    """A fingerprint (hex SHA-256) of the instance's column values as they would be stored."""
    digest = hashlib.sha256()
    for field in instance._meta.concrete_fields:
        digest.update(f"{field.attname}={field.value_to_string(instance)}\x1f".encode())
    return digest.hexdigest()


def _current_version(model: type[models.Model], pk, *, lock: bool = False) -> str | None:
    """The version of the row in the database (None if deleted); with `lock`, and inside a
    transaction, the row stays locked until the transaction ends."""
    rows = model._base_manager.filter(pk=pk)
    if lock and transaction.get_connection(rows.db).in_atomic_block:
        rows = rows.select_for_update()
    current = rows.first()
    return row_version(current) if current is not None else None


class VersionedAdminForm(TypedNumbersFormMixin, forms.ModelForm):
    """A ModelForm carrying the version of the row it was loaded from, refused if the row changed.

    The version of an unbound form is read from the database, not from the instance, so that a
    form showing an older state (django-simple-history's revert) is checked against the current row.
    """

    row_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields[VERSION_FIELD].initial = self._loaded_version()

    def _loaded_version(self) -> str:
        return _current_version(type(self.instance), self.instance.pk) or ""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned_data
        # Every change form the admin renders carries the version, so a post without it was not
        # made from one: it cannot show what its sender saw, and is refused rather than trusted.
        if self.add_prefix(VERSION_FIELD) not in self.data:
            raise forms.ValidationError(MISSING_VERSION_MESSAGE, code="version_missing")
        current = _current_version(type(self.instance), self.instance.pk, lock=True)
        if current != cleaned_data.get(VERSION_FIELD):
            raise forms.ValidationError(
                _(
                    "Someone else changed this record after you opened it, so your changes were "
                    "not saved. Open it again to see the current values, then make your changes."
                ),
                code="stale",
            )
        return cleaned_data


class VersionedInlineForm(VersionedAdminForm):
    """The inline rows' variant: the formset just loaded the rows, so their version is at hand."""

    def _loaded_version(self) -> str:
        return row_version(self.instance)


def _with_version_field(fieldsets: list) -> list:
    if VERSION_FIELD in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]


def _render_version_field(context: dict) -> None:
    """Make the page render the version field of its form and inline rows.

    An admin class earlier in the MRO (modeltranslation's, with declared fieldsets) may answer
    get_fieldsets without calling this mixin's: the form then has the version field but the page
    would not render it, and every save would be refused as sent without its version.
    """
    adminform = context.get("adminform")
    if adminform is not None and VERSION_FIELD in adminform.form.fields:
        adminform.fieldsets = _with_version_field(list(adminform.fieldsets))
    for inline in context.get("inline_admin_formsets", []):
        if VERSION_FIELD in inline.formset.form.base_fields:
            inline.fieldsets = _with_version_field(list(inline.fieldsets))


class VersionCheckedAdminMixin(TypedNumbersAdminMixin):
    """For a ModelAdmin: its change form refuses a stale save (see the module docstring), and its
    numbers are typed as text (``core.number_fields``)."""

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        return _with_version_field(list(super().get_fieldsets(request, obj)))

    def render_change_form(self, request, context, *args, **kwargs):
        _render_version_field(context)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        """django-simple-history's revert form: its save is checked as the change form's is."""
        _render_version_field(context)
        return super().render_history_view(request, template, context, **kwargs)


class VersionCheckedInlineMixin(VersionCheckedAdminMixin):
    """For an InlineModelAdmin: each existing row refuses a stale save."""

    form = VersionedInlineForm
