"""The baselines every hot path is compared with, and the home page as the first hot path.

The other areas add theirs in their own module of this package, listed in ``bench.core.MODULES``
(see docs/performance.md): a throughput figure is a name, a path and a baseline.
"""

from django.db import transaction

from bench.core import LATENCY, MEMORY, THROUGHPUT, Benchmark
from cms.models import HomePage, StandardPage

BARE_PAGE_SLUG = "bench-bare-page"


@transaction.atomic
def bare_page_path() -> str:
    """A published StandardPage with a title and nothing else, under the home page."""
    page = StandardPage.objects.filter(slug=BARE_PAGE_SLUG).first()
    if page is None:
        home = HomePage.objects.first()
        if home is None:
            raise RuntimeError("No home page: run `python manage.py seed_demo` first.")
        page = StandardPage(title="Benchmark: a bare page", slug=BARE_PAGE_SLUG)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page.url


def one_line_pdf(context=None) -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Hello</p>").write_pdf()


def reused_font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def one_line_pdf_reusing_fonts(font_config) -> bytes:
    """A fresh FontConfiguration per render grew a worker by ~0.25 MiB a PDF here (1,000
    renders: +245 MiB); one reused configuration keeps memory flat."""
    from weasyprint import HTML

    return HTML(string="<p>Hello</p>").write_pdf(font_config=font_config)


BENCHMARKS = [
    Benchmark(
        name="trivial_view",
        kind=THROUGHPUT,
        description="A Django view that returns two bytes (bench server only).",
        path="/_bench/trivial/",
    ),
    Benchmark(
        name="wagtail_bare_page",
        kind=THROUGHPUT,
        description="A published Wagtail page with a title and no body, anonymous.",
        setup=bare_page_path,
        path=lambda path: path,
    ),
    Benchmark(
        name="weasyprint_hello",
        kind=LATENCY,
        description='HTML(string="<p>Hello</p>").write_pdf(): the cheapest PDF.',
        run=one_line_pdf,
    ),
    Benchmark(
        name="home_page",
        kind=THROUGHPUT,
        description="The demo home page, anonymous.",
        baseline="wagtail_bare_page",
        path="/",
    ),
    Benchmark(
        name="weasyprint_hello_memory",
        kind=MEMORY,
        description="1,000 one-line PDFs, one reused font configuration: flat memory.",
        setup=reused_font_configuration,
        run=one_line_pdf_reusing_fonts,
        iterations=1000,
    ),
]
