"""English dates as British readers and the sources write them: 2 October 2014, not Oct. 2, 2014."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
