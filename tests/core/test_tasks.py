"""E-mail goes through the task queue; the database worker sends what was queued."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from core.tasks import send_mail


@pytest.mark.django_db(transaction=True)  # the worker closes its connection after each task
def test_a_queued_e_mail_waits_for_the_worker_and_is_then_sent(database_tasks):
    result = send_mail.enqueue(subject="Hello", body="Body", recipients=["anna@example.lv"])

    assert mail.outbox == []
    assert DBTaskResult.objects.get(id=result.id).status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert [(m.subject, m.to) for m in mail.outbox] == [("Hello", ["anna@example.lv"])]
