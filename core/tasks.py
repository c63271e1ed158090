"""Background tasks shared by the apps (Django's task framework, ``django_tasks`` backport).

Tasks are stored in the database and run by ``python manage.py db_worker``; their arguments must be
JSON values. Send e-mail with ``send_mail.enqueue(...)`` so that a slow or failing mail server never
holds up a request.
"""

from django.core import mail
from django_tasks import task


@task()
def send_mail(*, subject: str, body: str, recipients: list[str], from_email: str | None = None) -> int:
    """Send one plain-text e-mail to `recipients`; returns the number of messages sent (0 or 1).

    A failure raises, so the task is recorded as failed (the database backend keeps the error).
    """
    return mail.send_mail(subject, body, from_email, recipients, fail_silently=False)
