"""The libraries' strings that staff see and that have no Latvian translation, listed for makemessages.

django-axes, django-import-export, django-simple-history and django-tasks-db ship no Latvian
catalogue. makemessages reads only the project's files, so their strings are named here with
gettext_noop and translated in locale/lv like the project's own; Django reads the project's catalogue
(LOCALE_PATHS) before the libraries'. The strings of the libraries' templates that the project
overrides (templates/admin/import_export, templates/simple_history) are found there. Nothing imports
this module: the msgids must be exactly the libraries' (compare after an upgrade).
"""

from django.utils.translation import gettext_noop as _

AXES = [
    # Models and fields as the admin lists them.
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("Access Attempt"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Expires At"),
    _("The time when access attempt expires and is no longer valid."),
    _("Logout Time"),
    _("Session key hash (sha256)"),
    _("Locked Out"),
    _("Form Data"),
    _("Meta Data"),
    _("Clean up expired attempts"),
    _("Not set"),
]

IMPORT_EXPORT = [
    # The export page's form (its template's strings are in templates/admin/import_export/export.html).
    _("Format"),
    _("Resource"),
    _("Export selected %(verbose_name_plural)s"),
    _('Select at least 1 field for "%(resource_name)s" to export'),
]

SIMPLE_HISTORY = [
    # The version pages (the list's strings are in templates/simple_history/object_history_list.html).
    _("Created"),
    _("Changed"),
    _("Deleted"),
    _("Deleted %(type_name)s"),
    _("View history: %s"),
    _("Revert %s"),
    _("View %s"),
    _('The %(name)s "%(obj)s" was changed successfully.'),
    _("You may edit it again below"),
    _("History"),
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("This object doesn't have a change history."),
    _("Revert %(verbose_name)s"),
    _("View %(verbose_name)s"),
    _("Press the 'Revert' button below to revert to this version of the object."),
    _("Press the 'Change History' button below to edit the history."),
    _("Revert"),
    _("Change History"),
    _("Close"),
]

TASKS = [
    _("Task Result"),
    _("Task Results"),
]
