"""The union of several periods (core.periods.Period): the time during which at least one of them was under way,
as the comparison shows it per country and mission. Periods merge where their known spans (the year rule in
core/periods.py) overlap or touch; a merged period keeps the earliest start and the end (with its end state and
confirmation) of the member known to last longest, so its wording never claims more than a member does."""

import dataclasses

from core.periods import Period


def union(periods):
    """The periods merged where their known spans overlap or touch, in order. Periods without a known span (no
    date at all) are left out."""
    spans = sorted(
        (p for p in periods if p.first_day is not None and p.known_until is not None),
        key=lambda p: (p.first_day, p.known_until),
    )
    merged = []
    for period in spans:
        if merged and period.first_day <= merged[-1].known_until:
            last = merged[-1]
            if period.known_until > last.known_until:
                # The later end, with the earlier start (which may be unknown: then the member's own first day).
                last = dataclasses.replace(
                    period,
                    start=last.start or last.first_day,
                    start_precision=last.start_precision if last.start else period.start_precision,
                )
            merged[-1] = last
        else:
            merged.append(period)
    return merged


__all__ = ["Period", "union"]
