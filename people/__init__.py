"""People and their personal data: who they are, what they consented to, and their rights over it.

``Person`` and ``ConsentRecord`` (with evidence: date, method, source, text version, who recorded it),
the services for consent, access export, erasure and retention, the check for personal-looking
e-mail addresses, and their admin and commands. It imports no other app of the project except
``core``; ``clusters`` refers to it for the person behind each contact role.
"""
