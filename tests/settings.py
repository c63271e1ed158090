"""Test settings: the real settings with tiny overrides only."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LCN_DEMO", "1")

from lcn.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SITE_URL = "http://testserver/"  # as the test client calls the site
SITE_URL_GUESSED = False
# Tasks run at once, inside the test; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Query-count tests measure the pages themselves; tests of the page cache turn it on.
PUBLIC_PAGE_CACHE_SECONDS = 0
