"""An email backend for the fault suite's worker: Django's file backend, which holds each
message while `<folder>/hold` exists, after writing its pid to `<folder>/holding`, so that
a test can kill the worker in the middle of a send."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.mail.backends import filebased


class HoldingFileBackend(filebased.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = Path(self.file_path)
        hold = folder / "hold"
        if hold.exists():
            (folder / "holding").write_text(str(os.getpid()))
            while hold.exists():
                time.sleep(0.05)
        return super().send_messages(email_messages)
