"""Funding programmes (National Cluster Programme, Competence Centers), their projects and indicators.

Models, admin, the programmes' public pages and the ``load_seed`` command (which loads the clusters'
seed first). It may import ``clusters``; ``clusters`` never imports it.
"""
