"""Winnow's date formats in Spanish (see vetting/formats/en_GB)."""

DATE_FORMAT = r"j \d\e F \d\e Y"  # 5 de diciembre de 2026
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"  # 5 de diciembre de 2026, 14:30
SHORT_DATE_FORMAT = "j b Y"  # 5 dic 2026 (b: the lower-case abbreviation)
SHORT_DATETIME_FORMAT = "j b Y, H:i"  # 5 dic 2026, 14:30
MONTH_DAY_FORMAT = "j b"  # 5 dic
YEAR_MONTH_FORMAT = r"F \d\e Y"  # diciembre de 2026
TIME_FORMAT = "H:i"
