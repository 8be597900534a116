"""gunicorn's settings, read from the working directory by `gunicorn vetting.wsgi`.

Why each value (measured with bench/load.py): docs/operations.md, "Serving". The address
(--bind) stays on the command line; --workers or WEB_CONCURRENCY override the count below.
"""

from __future__ import annotations

import multiprocessing
import os

# One request at a time per process. Winnow's pages spend their time in Python (templates,
# serialisers), which threads of one process cannot run in parallel: gthread with 4 threads
# measured no better here, for the sign-in page and for the slow pages alike.
worker_class = "sync"
# gunicorn's own default is a single process; the usual rule is two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Import Winnow once, before the workers fork: each new worker starts with Django set up,
# so its first request is not the slow one (0.45 s without, 0.25 s with, measured here), and
# the workers share those pages of memory. A code change needs a restart, not a HUP.
preload_app = True
# A worker silent for this long (a request still running) is killed and replaced.
timeout = 30
graceful_timeout = 30
