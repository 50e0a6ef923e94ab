"""``seed_demo --scale N``: N extra mentors with realistic histories, written in bulk.

After the normal demo, ``seed_demo`` calls the ``seed_scale(*, count, log)`` of each module
of this package in dependency order. This one creates the accounts (``scale-000001`` …, group
Mentors, one shared password ``demo-scale``); learning, practice and assignments then give
them their histories. Each step only handles the scaled
mentors it has not handled yet, so running again with the same N adds nothing and a larger N
adds only the new mentors. Rows are written with ``bulk_create`` in batches of ``BATCH``, one
transaction per batch, with a progress line after each.

Every choice is derived from the mentor's number (``index``), so a run is reproducible.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from cms import roles
from cms.models import User

PREFIX = "scale-"
PASSWORD = "demo-scale"
BATCH = 2000
# Histories are spread over this many days before today (from 60 to 60 + SPREAD_DAYS).
SPREAD_DAYS = 600

FIRST_NAMES = [
    "Alex", "Amira", "Ben", "Chidi", "Dana", "Elif", "Finn", "Grace", "Hana", "Ivan", "Jade",
    "Kofi", "Lena", "Mo", "Nia", "Owen", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma",
    "Vic", "Wen", "Yara", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Brown", "Costa", "Davies", "Evans", "Fischer", "Garcia", "Hughes", "Ito",
    "Jones", "Khan", "Lewis", "Morgan", "Novak", "Okoye", "Patel", "Roberts", "Silva",
    "Taylor", "Walsh", "Young",
]  # fmt: skip


def username(index: int) -> str:
    return f"{PREFIX}{index:06d}"


def index_of(name: str) -> int:
    return int(name[len(PREFIX) :])


def names(index: int) -> tuple[str, str]:
    return FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[(index // 7) % len(LAST_NAMES)]


def joined_at(index: int, now: datetime.datetime) -> datetime.datetime:
    """When mentor `index` joined: between 60 and 660 days ago, spread by their number."""
    return now - datetime.timedelta(days=60 + (index * 37) % SPREAD_DAYS, hours=index % 24)


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def batches_logged(items: list, *, log: Callable[[str], None], label: str) -> Iterator[list]:
    """``batched(items)``, with a progress line after each batch has been handled."""
    done = 0
    for batch in batched(items):
        yield batch
        done += len(batch)
        progress(log, label, done, len(items))


def progress(log: Callable[[str], None], label: str, done: int, total: int, width=30) -> None:
    """One text progress bar line, e.g. ``mentors  [#######.......]  4,000/10,000``."""
    filled = round(width * done / total) if total else width
    log(f"  {label:<24} [{'#' * filled}{'.' * (width - filled)}] {done:>7,}/{total:,}")


def scaled_mentors(count: int):
    """The first `count` scaled mentors (by number), as a queryset."""
    return User.objects.filter(username__startswith=PREFIX, username__lte=username(count)).order_by(
        "username"
    )


def seed_scale(*, count: int, log: Callable[[str], None]) -> None:
    existing = set(scaled_mentors(count).values_list("username", flat=True))
    wanted = [index for index in range(1, count + 1) if username(index) not in existing]
    if not wanted:
        log(f"Scale: the {count:,} mentors exist already.")
        return
    password = make_password(PASSWORD)  # hashed once, shared by every scaled mentor
    group = Group.objects.get(name=roles.MENTORS)
    membership = User.groups.through
    now = timezone.now()
    log(f"Scale: creating {len(wanted):,} mentors (password {PASSWORD}).")
    for batch in batches_logged(wanted, log=log, label="mentors"):
        with transaction.atomic():
            users = User.objects.bulk_create(
                [
                    User(
                        username=username(index),
                        email=f"{username(index)}@example.org",
                        first_name=names(index)[0],
                        last_name=names(index)[1],
                        password=password,
                        date_joined=joined_at(index, now),
                    )
                    for index in batch
                ]
            )
            if any(user.pk is None for user in users):  # a database that returns no keys
                users = list(
                    User.objects.filter(username__in=[username(i) for i in batch]).only("pk")
                )
            membership.objects.bulk_create(
                [membership(user_id=user.pk, group_id=group.pk) for user in users]
            )
