"""Winnow's date formats in English (Django's en_GB with whole month names where a page
names a day: "5 December 2026"). The pages ask for a format by its name (`|date:"DATE_FORMAT"`),
so that German and Spanish get theirs: vetting/formats/de, vetting/formats/es."""

DATE_FORMAT = "j F Y"  # 5 December 2026
DATETIME_FORMAT = "j F Y, H:i"  # 5 December 2026, 14:30
SHORT_DATE_FORMAT = "j M Y"  # 5 Dec 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 5 Dec 2026, 14:30
MONTH_DAY_FORMAT = "j M"  # 5 Dec
YEAR_MONTH_FORMAT = "F Y"  # December 2026
TIME_FORMAT = "H:i"
