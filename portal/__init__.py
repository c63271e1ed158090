"""The cluster managers' portal: log in, keep one's own cluster's profile, members, contacts and figures.

Views check on every request that the user manages the cluster in the URL. It uses ``clusters``
through its models, querysets and ``clusters.services``, with forms of its own; nothing below it
imports the portal.
"""
