"""Turning spreadsheet cells, as people and programs write them, into clean values.

Each function takes one raw cell (str, int, float, datetime or None) and returns the clean value,
or raises ``ValueError`` with a message for the person who prepared the spreadsheet.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

# Characters that are invisible in a spreadsheet program but break URLs, e-mails and matching, and the
# bidirectional overrides (U+202A-U+202E, U+2066-U+2069) that make text display as something it is not.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
INVISIBLE |= dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
INVISIBLE |= dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # control characters; not \t\n\r
PERCENT_ENCODED_INVISIBLE = re.compile(r"%E2%80%8[BCD]|%E2%81%A0|%EF%BB%BF|%C2%AD", re.IGNORECASE)
SPACES = re.compile(r"\s+")  # in Python, \s also covers no-break and thin spaces and line breaks
NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)
DIGITS = re.compile(r"^[+-]?\d[\d.,]*$")
YEAR_IN_PARENTHESES = re.compile(r"\((\d{4})\)")
QUOTED_FORMULA_STARTS = frozenset(["'=", "'+", "'-", "'@", "'\t", "'\r"])
# 01.03.2015 and the official short form 01.03.2015. (with the closing dot); 2015.03.01. likewise.
DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
YEAR_FIRST = re.compile(r"^(\d{4})[.-](\d{1,2})[.-](\d{1,2})\.?(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%y")
# What a spreadsheet shows where a formula failed; "paste values" leaves them behind as text.
ERROR_VALUES = frozenset(
    ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]
)
PHONE_SEPARATORS = re.compile(r"[,;/|]|\s(?:or|vai|un|and)\s", re.IGNORECASE)
YES = {"yes", "y", "true", "1", "x", "jā", "ja"}
NO = {"no", "n", "false", "0", "nē", "ne", ""}

# Plain ASCII web and e-mail addresses that Django's validators certainly accept: checked by one regular
# expression, which keeps large member lists fast. Anything else goes through Django's validators.
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
PLAIN_URL = re.compile(rf"^https?://{_HOST}(?:/[a-z0-9\-._~%/]*)?$", re.IGNORECASE)
PLAIN_EMAIL = re.compile(rf"^[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*@{_HOST}$")

EMAIL_IN_TEXT = re.compile(r"[^\s<>()\[\];,:\"']+@[^\s<>()\[\];,:\"']+")

BIGINT_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1

_validate_email = EmailValidator()
_validate_url = URLValidator(schemes=["http", "https"])


def text(value: object) -> str:
    """The cell as one line of text: invisible characters removed, whitespace collapsed.

    The apostrophe a formula-safe export puts before text such as "=1+2" is removed again.
    """
    if value is None:
        return ""
    if type(value) is str and value[:2] in QUOTED_FORMULA_STARTS:
        value = value[1:]
    if type(value) is str and value.isascii() and value.isprintable() and "  " not in value:
        return value.strip()  # the common case, and nothing there to clean
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    cleaned = unicodedata.normalize("NFC", str(value)).translate(INVISIBLE)
    return SPACES.sub(" ", cleaned).strip()


def name(value: object) -> str:
    """A name without the trailing commas and semicolons a copied table leaves behind."""
    return text(value).rstrip(" ,;")


def name_key(value: str) -> str:
    """What two spellings of one name have in common: "Latvian IT Cluster," ~ "latvian it-cluster"."""
    return NOT_ALPHANUMERIC.sub("", value.casefold())


def slug(value: str) -> str:
    return slugify(value)


def header_key(value: object) -> str:
    return name_key(text(value))


def is_formula(value: object) -> bool:
    return isinstance(value, str) and value.lstrip().startswith("=")


def is_error_value(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper() in ERROR_VALUES


def whole_number(value: object, maximum: int = BIGINT_MAX, decimal_mark: str | None = None) -> int:
    """A non-negative whole number written as 257 024 870, 257,024,870, 257.024.870,00 or a numeric cell.

    ``decimal_mark`` is the file's ("," or "."), decided once for the whole file (see
    ``decimal_mark_of``); a number whose separators could mean either is refused when the file does not
    say which, and a number written with the other mark is refused.
    """
    if isinstance(value, bool):
        raise ValueError(_("Enter a number."))
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        number = _parse_number(text(value), decimal_mark)
    if not number.is_finite() or number > maximum:
        raise ValueError(_("The number is too large."))
    if number != number.to_integral_value():
        raise ValueError(_("Enter a whole number, without cents."))
    if number < 0:
        raise ValueError(_("The number cannot be negative."))
    return int(number)


def _compact(written: str) -> tuple[str, bool]:
    """The number without spaces, apostrophes and currency; and whether spaces grouped its digits."""
    spaced = bool(re.search(r"\d[ \u00a0\u2009\u202f']\d", written))
    compact = re.sub(r"[ \u00a0\u2009\u202f']", "", written)
    compact = compact.removeprefix("€").removesuffix("€").removesuffix("EUR").removesuffix("eur")
    return compact, spaced


def decimal_mark_of(written: str) -> str | None:
    """The decimal mark this number itself shows ("," or "."), or None if it could be either or none.

    1.234,5 and 1,234.5 (both marks), 1.234.567 (a repeated mark groups thousands), 1 234,567 (spaces
    group, so the mark is decimal) and 12,5 (not three digits after it) decide; 1,234 alone does not.
    """
    compact, spaced = _compact(written)
    marks = [char for char in compact if char in ".,"]
    if not marks or not DIGITS.match(compact):
        return None
    if len(set(marks)) == 2:
        return marks[-1]
    mark = marks[0]
    if len(marks) > 1:
        return "," if mark == "." else "."
    head, _mark, tail = compact.rpartition(mark)
    if spaced or len(tail) != 3 or head.lstrip("+-") in ("", "0"):
        return mark
    return None


def _parse_number(written: str, file_mark: str | None) -> Decimal:
    if is_formula(written):
        raise ValueError(_("This is a formula; enter the number itself."))
    compact, _spaced = _compact(written)
    if not DIGITS.match(compact):
        raise ValueError(_("Enter a number."))
    if not any(char in ".," for char in compact):
        return Decimal(compact)
    mark = decimal_mark_of(written)
    if mark is None:
        if file_mark is None:
            raise ValueError(
                _(
                    "Nothing in this file shows whether “,” or “.” is its decimal mark; write the number "
                    "without separators."
                )
            )
        mark = file_mark
    elif file_mark is not None and mark != file_mark:
        raise ValueError(
            _("This file uses “%(mark)s” as its decimal mark; this number is written otherwise.")
            % {"mark": file_mark}
        )
    grouping = "." if mark == "," else ","
    integer_part, _mark, fraction = compact.rpartition(mark) if mark in compact else (compact, "", "")
    groups = integer_part.split(grouping)
    if any(len(group) != 3 for group in groups[1:]) or not groups[0].lstrip("+-") or grouping in fraction:
        raise ValueError(_("Enter a number."))
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation as exc:
        raise ValueError(_("Enter a number.")) from exc


def year_in_title(value: object) -> int | None:
    found = YEAR_IN_PARENTHESES.search(text(value))
    return int(found.group(1)) if found else None


def url(value: object) -> str:
    """An http(s) URL; "www.ppkk.lv" becomes "https://www.ppkk.lv", as the site's forms store it.

    An address written without a scheme is taken to be https (every browser tries that first), so
    that re-importing an old list never turns a stored https:// address back into http://.
    """
    written = PERCENT_ENCODED_INVISIBLE.sub("", text(value)).replace(" ", "")
    if not written:
        return ""
    scheme = SCHEME.match(written)
    if scheme is None:
        written = "https://" + written
    elif scheme.group(1).lower() not in ("http", "https"):
        raise ValueError(_("Only http:// and https:// web addresses are accepted."))
    if len(written) <= 500 and PLAIN_URL.match(written):
        return written
    try:
        _validate_url(written)
    except ValidationError as exc:
        raise ValueError(_("Enter a valid web address.")) from exc
    return written


def email(value: object) -> str:
    """One e-mail address, lower-cased; "Name <name@example.lv>" in a contacts cell gives the address."""
    written = text(value).lower().removeprefix("mailto:")
    if not written:
        return ""
    if len(written) <= 254 and PLAIN_EMAIL.match(written):
        return written
    candidates = EMAIL_IN_TEXT.findall(written)
    if len(candidates) == 1:
        written = candidates[0]
    try:
        _validate_email(written)
    except ValidationError as exc:
        raise ValueError(_("Enter one valid e-mail address.")) from exc
    return written


def phone(value: object) -> PhoneNumber | str:
    """A valid phone number (stored as E.164, +37167000000); Latvian numbers may omit the country code."""
    written = text(value)
    if not written:
        return ""
    if PHONE_SEPARATORS.search(written):
        raise ValueError(_("Enter one phone number per cell."))
    try:
        number = PhoneNumber.from_string(written, region="LV")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("Enter a valid phone number.")) from exc
    if not number.is_valid():
        raise ValueError(_("Enter a valid phone number."))
    if number.extension or not _uses_every_digit(written, number):
        raise ValueError(_("Enter one phone number per cell, without an extension."))
    return number


def _uses_every_digit(written: str, number: PhoneNumber) -> bool:
    """Whether the number is the whole cell: no digits were left over (a second number, an extension)."""
    digits = re.sub(r"\D", "", written)
    national = str(number.national_number)
    prefix = digits.removesuffix(national)
    return digits.endswith(national) and prefix in (
        "",
        "0",
        str(number.country_code),
        f"00{number.country_code}",
    )


def date(value: object) -> datetime.date | None:
    """A date cell, or text as 2015-03-01, 01.03.2015, 01.03.2015. or 2015.03.01.; a bare year means 1 January.

    A date-time counts only at midnight (2015-03-01 00:00:00); any other time of day is refused.
    """
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise ValueError(_("Enter a date without a time of day."))
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = text(value)
    if not written:
        return None
    if written.isdigit() and len(written) == 4:
        return datetime.date(int(written), 1, 1)
    day_first, year_first = DAY_FIRST.match(written), YEAR_FIRST.match(written)
    if day_first or year_first:
        day, month, year = map(int, day_first.groups() if day_first else reversed(year_first.groups()))
        try:
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise ValueError(_("This date does not exist.")) from exc
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(written, date_format).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date as 2015-03-01 or 01.03.2015."))


def yes_no(value: object) -> bool:
    written = text(value).casefold()
    if written in YES:
        return True
    if written in NO:
        return False
    raise ValueError(_("Enter yes or no."))


def choice(value: object, choices: list[tuple[str, str]], keys: dict[str, str] | None = None) -> str:
    """A choice given by its value or its label, in any letter case (``keys``: ``choice_keys(choices)``)."""
    found = (keys or choice_keys(choices)).get(name_key(text(value)))
    if found is None:
        allowed = ", ".join(str(label) for _value, label in choices)
        raise ValueError(_("Choose one of: %(allowed)s.") % {"allowed": allowed})
    return found


def choice_keys(choices: list[tuple[str, str]]) -> dict[str, str]:
    """Every way a choice may be written, normalised, mapped to its value: its code and its label in
    every language of the site, whatever the language of the person importing."""
    keys = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            keys.update((name_key(str(label)), value) for value, label in choices)
    keys.update((name_key(value), value) for value, _label in choices)
    return keys
