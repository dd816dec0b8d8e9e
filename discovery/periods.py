"""Periods with date precision: where a period with a date known only to the month or year begins and ends, and
the union of several periods (the time during which at least one contribution was under way)."""

import datetime
from dataclasses import dataclass

from core.models import DatePrecision


def floor(value, precision):
    """The first day the date could be: 2014-10 starts on 1 October 2014."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def ceiling(value, precision):
    """The day after the last day the date could be: 2014-10 ends before 1 November 2014."""
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year + 1, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return value + datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A period as the source gives it. `end` None: it continues."""

    start: datetime.date
    start_precision: str = DatePrecision.DAY
    end: datetime.date | None = None
    end_precision: str = DatePrecision.DAY

    @property
    def first_day(self):
        return floor(self.start, self.start_precision)

    def end_before(self, today):
        """The day after the period's last day; today (exclusive: tomorrow) while it continues."""
        if self.end is None:
            return today + datetime.timedelta(days=1)
        return ceiling(self.end, self.end_precision)


def union(periods, today=None):
    """The periods merged where they overlap or touch, in order. A merged period keeps the source's dates (with
    their precision) of its earliest start and its latest end, or no end while any part continues."""
    today = today or datetime.date.today()
    merged = []
    for period in sorted(periods, key=lambda p: (p.first_day, p.end_before(today))):
        if merged and period.first_day <= merged[-1].end_before(today):
            last = merged[-1]
            if last.end is None or period.end is None:
                end, end_precision = None, DatePrecision.DAY
            elif period.end_before(today) > last.end_before(today):
                end, end_precision = period.end, period.end_precision
            else:
                end, end_precision = last.end, last.end_precision
            merged[-1] = Period(last.start, last.start_precision, end, end_precision)
        else:
            merged.append(period)
    return merged
