"""Settings of the fault suite's Celery worker: Winnow's own, with email written to files
(WINNOW_FAULT_MAIL_DIR) so that the test can count what was delivered."""

from __future__ import annotations

import os

from vetting.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.faults.mail.HoldingFileBackend"
EMAIL_FILE_PATH = os.environ["WINNOW_FAULT_MAIL_DIR"]
