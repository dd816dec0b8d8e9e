"""Dates as precise as their sources: how much of a date is known (DatePrecision), and the first day such a date
could be (`floor`) and the day after its last (`ceiling`). The models and core.periods both build on it."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of a date is known. Sources often give only a month, a season or a year; the site never shows
    more."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    SEASON = "season", _("Season (spring, summer, autumn or winter)")
    YEAR = "year", _("Year")


SEASON_STARTS = (3, 6, 9, 12)  # Spring, summer, autumn, winter (the first month of each, northern meteorology).
# EDTF (ISO 8601-2) numbers the seasons 21 (spring) to 24 (winter): 2014-23 is autumn 2014.
EDTF_SEASONS = {3: 21, 6: 22, 9: 23, 12: 24}


def season_start(value):
    """The first day of the season `value` falls in (January and February belong to the previous winter)."""
    if value.month < 3:
        return datetime.date(value.year - 1, 12, 1)
    return datetime.date(value.year, max(m for m in SEASON_STARTS if m <= value.month), 1)


def floor(value, precision):
    """The first day the date could be: 2014-10 starts on 1 October 2014."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.SEASON:
        return season_start(value)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def _add_months(value, months):
    month = value.month - 1 + months
    return datetime.date(value.year + month // 12, month % 12 + 1, 1)


def ceiling(value, precision):
    """The day after the last day the date could be: 2014-10 ends before 1 November 2014."""
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year + 1, 1, 1)
    if precision == DatePrecision.SEASON:
        return _add_months(season_start(value), 3)
    if precision == DatePrecision.MONTH:
        return _add_months(value, 1)
    return value + datetime.timedelta(days=1)
