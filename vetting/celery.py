"""The Celery app: `celery -A vetting worker -B` runs a worker with the beat scheduler.

Settings come from Django settings prefixed CELERY_ (see settings.py). Without a broker the
tasks run inline (eager), which is the embedded default.
"""

from __future__ import annotations

import os
from typing import Any

import celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetting.settings")


class Task(celery.Task):
    """Every task: when one that the outbox published succeeds, its row is marked done, so
    the sweeper knows not to hand it out again."""

    def on_success(self, retval: Any, task_id: str, args: Any, kwargs: Any) -> None:
        from vetting import outbox  # needs the models, which need Django set up first

        outbox.mark_done(task_id)


app = celery.Celery("vetting", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
