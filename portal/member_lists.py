"""A manager's import of their cluster's member list: preview, then confirm, all rows or none.

The rules are ``clusters.services.cluster_members_import``'s (the staff importer, with the cluster
fixed to the manager's own). The preview is a dry run; the confirmation imports the same file for
real, so it sees the database as it is then. The previewed file waits in a private temporary folder,
named by its SHA-256, and only the session that uploaded it for that cluster may confirm it.
"""

import hashlib
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.services import ImportRefused, cluster_members_import

SESSION_KEY = "portal_member_import"
STASH = Path(tempfile.gettempdir()) / "lcn-portal-member-imports"
TOKEN = re.compile(r"^[0-9a-f]{64}$")


def preview(request: HttpRequest, *, cluster: Cluster, upload: UploadedFile):
    """Dry-run the uploaded file for `cluster`; return the token that confirms it, and the report."""
    if upload.size > settings.IMPORT_MAX_FILE_SIZE:
        limit = filesizeformat(settings.IMPORT_MAX_FILE_SIZE)
        raise ImportRefused([_("The file is larger than %(limit)s.") % {"limit": limit}])
    name, content = Path(upload.name).name, upload.read()
    report = cluster_members_import(
        cluster=cluster, file_name=name, content=content, user=request.user, dry_run=True
    )
    token = hashlib.sha256(content).hexdigest()
    STASH.mkdir(mode=0o700, exist_ok=True)
    (STASH / token).write_bytes(content)
    request.session[SESSION_KEY] = {"token": token, "cluster": cluster.pk, "name": name}
    return token, report


def confirm(request: HttpRequest, *, cluster: Cluster, token: str):
    """Import the file previewed in this session for `cluster`, for real."""
    stashed = request.session.get(SESSION_KEY) or {}
    expired = ImportRefused([_("This preview has expired; upload the file again.")])
    if not TOKEN.match(token) or stashed.get("token") != token or stashed.get("cluster") != cluster.pk:
        raise expired
    try:
        content = (STASH / token).read_bytes()
    except OSError as exc:
        raise expired from exc
    report = cluster_members_import(
        cluster=cluster, file_name=stashed["name"], content=content, user=request.user, dry_run=False
    )
    (STASH / token).unlink(missing_ok=True)
    del request.session[SESSION_KEY]
    return report
