"""The libraries' apps under names staff can read in both languages.

django-axes and django-tasks-db name their apps in English only ("Axes", "Tasks Database Backend"),
and the admin's sidebar shows the name; these subclasses change nothing but the name. Listed in
INSTALLED_APPS instead of the libraries' own module paths; the apps' labels stay the same.
"""

from axes import apps as axes_apps
from django.utils.translation import gettext_lazy as _
from django_tasks_db import apps as tasks_db_apps


class LoginThrottlingConfig(axes_apps.AppConfig):
    verbose_name = _("Login throttling")


class TaskQueueConfig(tasks_db_apps.TasksAppConfig):
    verbose_name = _("Background tasks")
