"""The demo's prose files (demo/content/) are complete and consistent: every file is read,
every block is one a module page has, every competency named exists."""

from courses.models import ModulePage
from demo import content


def test_every_content_file_is_read():
    listed = {"site.yaml", "competencies.yaml", "directory.yaml", "catalogue.yaml", "practice.yaml"}
    for course in content.courses():
        listed.add(f"courses/{course['slug']}/course.yaml")
        listed.update(f"courses/{course['slug']}/{m['slug']}.yaml" for m in course["modules"])
    on_disk = {str(path.relative_to(content.HERE)) for path in content.HERE.rglob("*.yaml")}
    assert on_disk == listed


def test_module_bodies_use_the_module_page_blocks_and_end_with_their_quiz():
    blocks = set(ModulePage.body.field.stream_block.child_blocks)
    for course in content.courses():
        for module in course["modules"]:
            types = [block["type"] for block in module["body"]]
            assert set(types) <= blocks, module["slug"]
            assert types[-1] == "quiz" and module["quiz"]["questions"], module["slug"]


def test_every_competency_named_exists():
    known = {competency["slug"] for competency in content.competencies()}
    named = set(content.practice()["programme"]["competency_minutes"])
    for entries in content.practice()["logs"].values():
        named.update(slug for entry in entries for slug in entry["competencies"])
    for course in content.courses():
        named.update(course["competencies"])
        for module in course["modules"]:
            named.update(module["competencies"])
            named.update(question["competency"] for question in module["quiz"]["questions"])
    assert named <= known
