"""Uploaded spreadsheets: refused while they stream in once they pass the size limit, and kept between
the import's preview and its confirmation in a storage every app server shares.

A kept file belongs to the user who uploaded it (its name starts with their id) and is deleted on
confirm, on cancel and, by whichever request or ``purge_import_uploads`` comes first, an hour
(``IMPORT_UPLOAD_LIFETIME``) after it was uploaded. A confirmed file is held for its background import
(``hold``) in a folder of its own, which no lifetime applies to: the import deletes it when it ends.
"""

import contextlib
import datetime
import os
import re
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone

from .files import Spreadsheet

TOKEN = re.compile(r"^[0-9a-f]{64}$")
NAME_LENGTH = 120
HELD = "held"  # the folder of confirmed files waiting for their import; never a user's folder ("user-<id>")


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it passes ``IMPORT_MAX_FILE_SIZE``, instead of receiving it
    whole first; the view then finds ``request.upload_too_large`` set and says so."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.limit = settings.IMPORT_MAX_FILE_SIZE
        self.declared_too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        # The form's other fields are small: a body far over the limit cannot hold an acceptable file.
        self.declared_too_large = bool(content_length and content_length > self.limit + 1024 * 1024)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.declared_too_large or start + len(raw_data) > self.limit:
            if self.request is not None:
                self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _storage():
    return storages["imports"]


def _user_folder(user) -> str:
    return f"user-{user.pk}"


def keep(spreadsheet: Spreadsheet, *, user) -> str:
    """Store the file for its uploader until confirmed; returns the token that names it."""
    purge_expired()
    token = secrets.token_hex(32)
    _storage().save(
        f"{_user_folder(user)}/{token}/{_safe_name(spreadsheet.name)}", ContentFile(spreadsheet.content)
    )
    return token


def take(token: str, *, user) -> Spreadsheet | None:
    """The file kept under ``token`` for ``user``; None if it is not theirs, expired or gone."""
    if not TOKEN.match(token or ""):
        return None
    storage = _storage()
    folder = f"{_user_folder(user)}/{token}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return None
    if len(files) != 1 or _expired(storage, f"{folder}/{files[0]}"):
        discard(token, user=user)
        return None
    with storage.open(f"{folder}/{files[0]}") as kept:
        return Spreadsheet(files[0], kept.read())


def discard(token: str, *, user) -> None:
    if not TOKEN.match(token or ""):
        return
    storage = _storage()
    folder = f"{_user_folder(user)}/{token}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    _remove_folder(storage, folder)


def hold(spreadsheet: Spreadsheet, *, token: str) -> None:
    """Keep a confirmed file for its background import, whatever the upload lifetime."""
    _storage().save(f"{HELD}/{token}/{_safe_name(spreadsheet.name)}", ContentFile(spreadsheet.content))


def held(token: str) -> Spreadsheet | None:
    """The file held under ``token``; None if there is none (already imported, or never held)."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir(f"{HELD}/{token}")
    except FileNotFoundError:
        return None
    if len(files) != 1:
        return None
    with storage.open(f"{HELD}/{token}/{files[0]}") as kept:
        return Spreadsheet(files[0], kept.read())


def release(token: str) -> None:
    """Delete the file held under ``token`` (its import has ended)."""
    storage = _storage()
    folder = f"{HELD}/{token}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    _remove_folder(storage, folder)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", name)[-NAME_LENGTH:] or "upload"


def purge_expired() -> int:
    """Delete every kept file older than the lifetime; returns how many were deleted."""
    storage = _storage()
    deleted = 0
    try:
        users, _files = storage.listdir("")
    except FileNotFoundError:
        return 0
    for user_folder in users:
        if user_folder == HELD:
            continue
        tokens, _files = storage.listdir(user_folder)
        for token in tokens:
            folder = f"{user_folder}/{token}"
            _dirs, files = storage.listdir(folder)
            for name in files:
                if _expired(storage, f"{folder}/{name}"):
                    storage.delete(f"{folder}/{name}")
                    deleted += 1
            _remove_folder(storage, folder)
    return deleted


def _expired(storage, name: str) -> bool:
    try:
        saved = storage.get_modified_time(name)
    except (FileNotFoundError, NotImplementedError):
        return True
    lifetime = datetime.timedelta(seconds=settings.IMPORT_UPLOAD_LIFETIME)
    return saved < timezone.now() - lifetime


def _remove_folder(storage, folder: str) -> None:
    """A file system storage leaves empty folders behind; other storages have no folders."""
    path = getattr(storage, "path", None)
    if path is None:
        return
    with contextlib.suppress(OSError, NotImplementedError):
        os.rmdir(path(folder))
