from __future__ import annotations

from django.apps import AppConfig


class ConsultantsConfig(AppConfig):
    name = "consultants"
    verbose_name = "Consultants"
