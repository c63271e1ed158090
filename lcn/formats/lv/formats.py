"""Latvian formats: Django's own, with dates written as Latvians write them ("01.03.2013.").

Numbers keep Django's Latvian separators: a decimal comma and a non-breaking space between thousands.
"""

SHORT_DATE_FORMAT = "d.m.Y."
SHORT_DATETIME_FORMAT = "d.m.Y. H:i"
DATE_FORMAT = "d.m.Y."
DATETIME_FORMAT = "d.m.Y. H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
