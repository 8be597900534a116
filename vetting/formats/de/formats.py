"""Winnow's date formats in German (see vetting/formats/en_GB)."""

DATE_FORMAT = "j. F Y"  # 5. Dezember 2026
DATETIME_FORMAT = "j. F Y, H:i"  # 5. Dezember 2026, 14:30
SHORT_DATE_FORMAT = "j. M Y"  # 5. Dez 2026
SHORT_DATETIME_FORMAT = "j. M Y, H:i"  # 5. Dez 2026, 14:30
MONTH_DAY_FORMAT = "j. M"  # 5. Dez
YEAR_MONTH_FORMAT = "F Y"  # Dezember 2026
TIME_FORMAT = "H:i"
