"""English formats for a European audience: "1 March 2013", never the US "03/01/2013".

Numbers keep Django's English separators: a decimal point and a comma between thousands.
"""

SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1

# Dates typed on the English pages: ISO (first: inputs render their value in it, and <input
# type="date"> understands only ISO), as shown ("1 March 2020"), or day first with dots as in
# Latvian ("01.03.2020."). Django's US forms "03/01/2020" are left out on purpose: a European reads
# that as 3 January, the US as 1 March, so it is refused rather than read the wrong way round.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%d.%m.%Y.",
    "%d.%m.%Y",
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y. %H:%M:%S",
    "%d.%m.%Y. %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]
