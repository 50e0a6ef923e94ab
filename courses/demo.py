"""Demo data for courses: the competencies, from courses/demo_content.py."""

from collections.abc import Callable

from django.db import transaction

from courses import demo_quizzes
from courses.demo_content import COMPETENCIES
from courses.models import Competency


@transaction.atomic
def seed(*, log: Callable[[str], None], scale: int = 0) -> None:
    for order, item in enumerate(COMPETENCIES):
        _competency, created = Competency.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "sort_order": order,
            },
        )
        if created:
            log(f"Created competency {item['name']}.")
    demo_quizzes.seed(log=log)
