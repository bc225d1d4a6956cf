"""English dates as a European reader reads them: "10 July 2022", never "07/10/2022".

Django's English formats are American (month first), so "12/01/2026" would read
as 12 January to most of our readers. German keeps Django's own ("10.07.2022").
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
