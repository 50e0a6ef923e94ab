"""Writes for matching, re-exported explicitly: the gate (``gate``), what happens to an
assignment after it is made (``assignments``) and API tokens (``accounts``)."""

from matching.services.accounts import SERVICE_ACCOUNTS, api_token_issue, coordinators_to_notify
from matching.services.assignments import (
    assignment_end,
    assignment_flag_for_review,
    assignment_recheck_reasons,
    assignment_review_resolve,
    assignments_flag_after_lapse,
    assignments_recheck,
    assignments_sweep,
)
from matching.services.gate import (
    GATE_CODES,
    NEW_ASSIGNMENT_ONLY,
    AssignmentRefused,
    MentorDefaults,
    assignment_create,
    gate_unmet,
)

__all__ = [
    "GATE_CODES",
    "NEW_ASSIGNMENT_ONLY",
    "SERVICE_ACCOUNTS",
    "AssignmentRefused",
    "MentorDefaults",
    "api_token_issue",
    "assignment_create",
    "assignment_end",
    "assignment_flag_for_review",
    "assignment_recheck_reasons",
    "assignment_review_resolve",
    "assignments_flag_after_lapse",
    "assignments_recheck",
    "assignments_sweep",
    "coordinators_to_notify",
    "gate_unmet",
]
