"""The Celery app: `celery -A vetting worker -B` runs a worker with the beat scheduler.

Settings come from Django settings prefixed CELERY_ (see settings.py). Without a broker the
tasks run inline (eager), which is the embedded default.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetting.settings")

app = Celery("vetting")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
