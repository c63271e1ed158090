"""The yearly reporting round and "Clusters in Numbers": rounds, reminders, e-mails, the staff dashboard
and the report pages and files (``/reports/<year>/``, ``.xlsx``, ``.csv``, ``.svg``).

It may import ``programmes`` and ``clusters``; only the wiring and the audiences' apps import it.
"""
