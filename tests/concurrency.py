"""Race helpers for the PostgreSQL-marked tests: calls released at the same moment in threads."""

import threading

from django.db import connection


def run_together(*calls, timeout: float = 60) -> list:
    """Run each call in its own thread, all released by one barrier; return, in order, each
    call's result or the exception it raised. Each thread closes its database connection."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # returned for the test's assertions
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def outcomes(results: list, *, refused: type[Exception]) -> list[str]:
    """ "ok" or "refused" per result, sorted; any other exception fails the test loudly."""
    labels = []
    for result in results:
        if isinstance(result, refused):
            labels.append("refused")
        elif isinstance(result, Exception):
            raise result
        else:
            labels.append("ok")
    return sorted(labels)
