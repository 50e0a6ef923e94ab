"""The benchmark harness and the hot paths it measures: ``manage.py bench``.

Development tooling, not part of the product: no production app imports it
(tests/test_tooling_boundary.py). ``bench/core.py`` holds the vocabulary and the registry,
``bench/measure.py`` the in-process figures, ``bench/load.py`` the HTTP ones and
``bench/runner.py`` the run; the hot paths sit in one module per area (``bench/site.py`` …)
listed in ``bench.core.MODULES``. See docs/performance.md.
"""
