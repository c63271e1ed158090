"""English formats for a European audience: "1 March 2013", never the US "03/01/2013".

Numbers keep Django's English separators: a decimal point and a comma between thousands.
"""

SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
