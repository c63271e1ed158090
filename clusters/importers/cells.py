"""Turning spreadsheet cells, as people and programs write them, into clean values.

Each function takes one raw cell (str, int, float, datetime or None) and returns the clean value,
or raises ``ValueError`` with a message for the person who prepared the spreadsheet.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from ..validators import validate_registration_number

# Characters that are invisible in a spreadsheet program but break URLs, e-mails and matching.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
INVISIBLE |= dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # control characters; not \t\n\r
PERCENT_ENCODED_INVISIBLE = re.compile(r"%E2%80%8[BCD]|%E2%81%A0|%EF%BB%BF|%C2%AD", re.IGNORECASE)
SPACES = re.compile(r"\s+")  # in Python, \s also covers no-break and thin spaces and line breaks
NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)
DIGITS = re.compile(r"^[+-]?\d[\d.,]*$")
YEAR_IN_PARENTHESES = re.compile(r"\((\d{4})\)")
LATVIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y.%m.%d")
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
    """The cell as one line of text: invisible characters removed, whitespace collapsed."""
    if value is None:
        return ""
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


def whole_number(value: object, maximum: int = BIGINT_MAX) -> int:
    """A non-negative whole number written as 257 024 870, 257,024,870, 257.024.870,00 or a numeric cell."""
    if isinstance(value, bool):
        raise ValueError(_("Enter a number."))
    number = Decimal(str(value)) if isinstance(value, int | float) else _parse_number(text(value))
    if not number.is_finite() or number > maximum:
        raise ValueError(_("The number is too large."))
    if number != number.to_integral_value():
        raise ValueError(_("Enter a whole number, without cents."))
    if number < 0:
        raise ValueError(_("The number cannot be negative."))
    return int(number)


def _parse_number(written: str) -> Decimal:
    if is_formula(written):
        raise ValueError(_("This is a formula; enter the number itself."))
    compact = written.replace(" ", "").replace("\u202f", "").replace("'", "")
    compact = compact.removeprefix("€").removesuffix("€").removesuffix("EUR").removesuffix("eur")
    if not DIGITS.match(compact):
        raise ValueError(_("Enter a number."))
    separators = [char for char in compact if char in ".,"]
    if not separators:
        return Decimal(compact)
    decimal_mark = separators[-1]
    if separators.count(decimal_mark) > 1 or _is_thousands_group(compact, decimal_mark):
        decimal_mark = ""  # only thousands separators: 1,234,567 or 1.234
    integer_part, _mark, fraction = compact.rpartition(decimal_mark) if decimal_mark else (compact, "", "")
    groups = re.split(r"[.,]", integer_part)
    if any(len(group) != 3 for group in groups[1:]):
        raise ValueError(_("Enter a number."))
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation as exc:
        raise ValueError(_("Enter a number.")) from exc


def _is_thousands_group(compact: str, mark: str) -> bool:
    """A single separator followed by exactly three digits is a thousands separator (1,234 or 1.234)."""
    head, _mark, tail = compact.rpartition(mark)
    others = "," if mark == "." else "."
    return others not in head and len(tail) == 3 and head.lstrip("+-") not in ("", "0")


def year_in_title(value: object) -> int | None:
    found = YEAR_IN_PARENTHESES.search(text(value))
    return int(found.group(1)) if found else None


def url(value: object) -> str:
    """An http(s) URL; "www.ppkk.lv" becomes "http://www.ppkk.lv"."""
    written = PERCENT_ENCODED_INVISIBLE.sub("", text(value)).replace(" ", "")
    if not written:
        return ""
    scheme = SCHEME.match(written)
    if scheme is None:
        written = "http://" + written
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
    try:
        number = PhoneNumber.from_string(written, region="LV")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(_("Enter a valid phone number.")) from exc
    if not number.is_valid():
        raise ValueError(_("Enter a valid phone number."))
    return number


def registration_number(value: object) -> str:
    written = text(value).replace(" ", "").replace("-", "").upper().removeprefix("LV")
    if not written:
        return ""
    try:
        validate_registration_number(written)
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from exc
    return written


def date(value: object) -> datetime.date | None:
    """A date cell, or text as 2015-03-01, 01.03.2015 or 01/03/2015; a bare year means 1 January."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = text(value)
    if not written:
        return None
    if written.isdigit() and len(written) == 4:
        return datetime.date(int(written), 1, 1)
    latvian = LATVIAN_DATE.match(written)  # 01.03.2015, the usual way, parsed without strptime
    if latvian:
        day, month, year = map(int, latvian.groups())
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
    """Every way a choice may be written (its value, its label), normalised, mapped to its value."""
    keys = {name_key(str(label)): value for value, label in choices}
    keys.update((name_key(value), value) for value, _label in choices)
    return keys
