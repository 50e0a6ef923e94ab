"""The demo site and its scaled-up variant: ``manage.py seed_demo [--scale N]``.

Development and benchmarking tooling, not part of the product: no production app (cms,
courses, certification, matching) imports it (tests/test_tooling_boundary.py). The prose lives
in YAML under ``demo/content/``; the modules here turn it into pages and rows through the apps'
own models and services, in dependency order (``demo/management/commands/seed_demo.py``).
"""
