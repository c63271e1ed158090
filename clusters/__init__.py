"""The domain: clusters, member companies, memberships, contact persons, yearly and network figures.

Models with their named querysets, validators, the staff admin, the three spreadsheet importers and
the export resources, the seed of the network's presentation, and ``services`` with the write
operations that span models. It imports none of the project's other apps.
"""
