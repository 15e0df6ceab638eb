"""/healthz: what a load balancer and monitoring need to know.

Names each dependency and its state. Answers 503 only when this server cannot
store a submission (the database is down), so a load balancer takes it out of
rotation then, and keeps it in when only the cache, the file storage or the
mail worker is in trouble: pages and forms still work without those.
"""

import contextlib
import datetime

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .outage import database_answers, remember_default_site_contact_details_if_missing

# A queued task older than this means no worker is taking them.
TASK_BACKLOG_WARNING = datetime.timedelta(minutes=10)


def database_state():
    return "ok" if database_answers() else "down"


def cache_state():
    # The cache ignores its own connection errors (see settings), so a
    # round trip is the only way to tell whether it works.
    probe = get_random_string(12)
    try:
        cache.set("healthz-probe", probe, 10)
        return "ok" if cache.get("healthz-probe") == probe else "down"
    except Exception:  # any failure of the cache means "down"
        return "down"


def storage_state():
    try:
        default_storage.exists("healthz-probe")
    except Exception:  # any failure of the storage means "down"
        return "down"
    return "ok"


def task_queue_state(database):
    """ "ok", "backlog" (a task has waited too long: is the worker running?),
    "down" (cannot read the queue) or "immediate" (no queue: tests)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return "immediate"
    if database != "ok":
        return "down"
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        long_ago = timezone.now() - TASK_BACKLOG_WARNING
        waited_too_long = Q(run_after=get_date_max(), enqueued_at__lt=long_ago) | Q(run_after__lt=long_ago)
        stale = DBTaskResult.objects.ready().filter(waited_too_long).exists()
    except DatabaseError:
        return "down"
    return "backlog" if stale else "ok"


@never_cache
@require_GET
def healthz(request):
    database = database_state()
    checks = {
        "database": database,
        "cache": cache_state(),
        "storage": storage_state(),
        "task_queue": task_queue_state(database),
    }
    if database == "ok":
        # The copy is a nicety for the outage page; the answer must not fail over it.
        with contextlib.suppress(DatabaseError):
            remember_default_site_contact_details_if_missing()
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", **checks}, status=status)
