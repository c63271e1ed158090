"""Site-wide plumbing that knows no app: the public page cache, ``/healthz`` and the outage page, login
and password-reset throttling, the ``send_mail`` task, the admin's stale-save guard and the
text-direction validator. It imports nothing of the project; every app may import it.
"""
