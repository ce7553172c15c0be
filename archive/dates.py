"""Dates as the archive knows them: a day, a month, a year, or nothing."""

import datetime
from dataclasses import dataclass

from django.db import models
from hijridate import Gregorian


class DatePrecision(models.TextChoices):
    DAY = "day", "يوم"
    MONTH = "month", "شهر"
    YEAR = "year", "سنة"
    UNKNOWN = "unknown", "غير معروف"


# The Egyptian/Gulf names: the forms most Arabic readers recognise everywhere.
MONTH_NAMES = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip

UNKNOWN_DATE_LABEL = "تاريخ غير معروف"


@dataclass(frozen=True)
class PartialDate:
    """A publication date known to a day, a month or a year.

    >>> PartialDate(2025, 1).label()
    'يناير 2025'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for 31 February and the like.
        datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def as_date(self) -> datetime.date:
        """The first day the date can mean: how it is stored in a DateField."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The last day the date can mean: 2025-05 -> 2025-05-31."""
        if self.day is not None:
            return self.as_date()
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def iso(self) -> str:
        """'2025-05-19', '2025-05' or '2025'."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def label(self) -> str:
        month = MONTH_NAMES[self.month - 1] if self.month else None
        if self.day is not None:
            return f"{self.day} {month} {self.year}"
        if month is not None:
            return f"{month} {self.year}"
        return str(self.year)

    @classmethod
    def from_stored(cls, date: datetime.date | None, precision: str):
        """Rebuild from a DateField and its precision; None when unknown."""
        if date is None or precision == DatePrecision.UNKNOWN:
            return None
        if precision == DatePrecision.YEAR:
            return cls(date.year)
        if precision == DatePrecision.MONTH:
            return cls(date.year, date.month)
        return cls(date.year, date.month, date.day)


HIJRI_MONTHS = [
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
]  # fmt: skip


def hijri_label(date: datetime.date | None) -> str:
    """The Hijri date of a Gregorian day (Umm al-Qura), e.g. '5 رمضان 1439 هـ'."""
    if date is None:
        return ""
    try:
        h = Gregorian(date.year, date.month, date.day).to_hijri()
    except (ValueError, OverflowError):
        return ""  # outside the calendar's range (1343-1500 AH)
    return f"{h.day} {HIJRI_MONTHS[h.month - 1]} {h.year} هـ"
