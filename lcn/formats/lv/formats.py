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

# Dates are typed as they are shown: "01.03.2020." (the official short form, with the closing dot),
# and also without the dot or as ISO. ISO stays first: inputs render their value in the first
# format, and <input type="date"> understands only ISO.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y.", "%d.%m.%Y", "%d.%m.%y.", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y. %H:%M:%S",
    "%d.%m.%Y. %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]
