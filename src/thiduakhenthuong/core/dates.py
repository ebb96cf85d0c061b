"""Dates as people write them in arguments and options."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator

from ..errors import UsageError


def as_date(v: dt.date | str) -> dt.date:
    """A date given as a date or as text, ISO (2023-12-31) or Vietnamese (31/12/2023).

    >>> as_date("31/12/2023"), as_date("2023-12-31")
    (datetime.date(2023, 12, 31), datetime.date(2023, 12, 31))
    >>> as_date("31/02/2023")
    Traceback (most recent call last):
    ...
    thiduakhenthuong.errors.UsageError: '31/02/2023' is not a date (write it as 31/12/2023 or 2023-12-31)
    """
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    text = str(v).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise UsageError(f"'{v}' is not a date", suggestion="write it as 31/12/2023 or 2023-12-31")


#: A date field that also reads the Vietnamese way of writing dates (for options).
Day = Annotated[dt.date, BeforeValidator(lambda v: v if v is None else as_date(v))]
