"""Background tasks shared by the apps (Django's task framework, ``django_tasks`` backport).

Tasks are stored in the database and run by ``python manage.py db_worker``; their arguments must be
JSON values. Send e-mail with ``send_mail.enqueue(...)`` so that a slow or failing mail server never
holds up a request.
"""

from django.core import mail
from django_tasks import task


@task()
def send_mail(
    *, subject: str, body: str, recipients: list[str], from_email: str | None = None, html: str = ""
) -> int:
    """Send one e-mail to `recipients`: plain text, with `html` as an alternative when given.
    Returns the number of messages sent (0 or 1).

    A failure raises, so the task is recorded as failed (the database backend keeps the error).
    """
    message = mail.EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=recipients)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send(fail_silently=False)
