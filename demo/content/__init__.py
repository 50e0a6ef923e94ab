"""The demo's prose, read from the YAML files beside this module.

Written for this project as example training material: two courses for volunteer peer
mentors, the competencies they teach, the home page and a small referral directory.
Programmes should replace all of it with their own reviewed material, safety procedure and
local directory before training real mentors.

The files keep exactly the shapes the seeding code expects (see README.md here): rich text is
Wagtail's HTML, a module's ``body`` is its StreamField as a list of ``{type, value}`` blocks.
Each file is read once per process.
"""

from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# libyaml's parser when PyYAML was built with it: the whole content loads in milliseconds.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read(name: str):
    """One YAML file under demo/content/, by its relative path."""
    with (HERE / name).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader)


@cache
def home() -> dict:
    """The home page: title, seo_title, intro and body."""
    return read("site.yaml")


@cache
def competencies() -> list[dict]:
    """The competencies, in display order: slug, name, description."""
    return read("competencies.yaml")


@cache
def directory() -> dict:
    """The referral directory page (title, slug, intro) and its ``resources``."""
    return read("directory.yaml")


@cache
def practice() -> dict:
    """The certification ``programme`` and the practice ``logs`` of ``certified`` and ``mentor``:
    days_ago, minutes, setting, competencies, reflection and, unless approved, status (and
    review_comment)."""
    return read("practice.yaml")


@cache
def catalogue() -> dict:
    """The course catalogue page (title, slug, intro) and its ``courses``, as folder names."""
    return read("catalogue.yaml")


@cache
def courses() -> list[dict]:
    """Every course in catalogue order, each with its ``modules`` read in (body and quiz)."""
    found = []
    for slug in catalogue()["courses"]:
        course = read(f"courses/{slug}/course.yaml")
        course["modules"] = [read(f"courses/{slug}/{module}.yaml") for module in course["modules"]]
        found.append(course)
    return found
