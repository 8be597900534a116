"""Amounts of money in the reader's language (Babel): the `money` template filter and the
sentences that name a price (the audit trail) share this one formatter."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_currency
from django.utils.translation import get_language, to_locale


def format_money(value: Any, currency: Any) -> str:
    """An amount in a currency, in the reader's language: 1234.5, "EUR" -> "1,234.50 EUR" in
    English, "1.234,50 EUR" in German (the ISO code, never a symbol two currencies share;
    the currency's own decimals: "1,234 JPY"). Empty for no amount."""
    if value is None or value == "":
        return ""
    code = str(currency or "").upper()
    if not code:
        return format_currency(value, "XXX", format="#,##0.00", locale=to_locale(get_language()))
    return format_currency(
        value,
        code,
        format="#,##0.00 \xa4\xa4",
        currency_digits=True,
        locale=to_locale(get_language() or "en-gb"),
    )
