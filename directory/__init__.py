"""The public, read-only directory: home, clusters, companies, statistics, open data and sitemaps.

Pages read through the domain apps' named querysets (``clusters``, ``programmes``) and never write.
Charts are computed here (geometry in ``charts.py``) and drawn by templates. This app may import
``clusters`` and ``programmes``; nothing imports it (``lcn.urls`` only routes to it).
"""
