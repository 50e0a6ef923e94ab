"""Eligibility: for a mentor, a programme and a day, which path applies and what is left.

``eligibility_evaluate`` is the one place the certification rules are decided. It answers two
questions at once: does the mentor *qualify* (every requirement of the path that applies is
met, so a certificate may be issued or renewed today), and is the mentor *certified* (a
certificate in force on that day, which is what the matching gate trusts).

The path follows from the holder's certificate in the programme (the current one, else the most
recent; see docs/lifecycle.md):

- no certificate: **first certificate**: required courses, approved practice in total and per
  competency within the programme's recency window, a supervisor's endorsement that is still
  valid;
- an active certificate: **renewal**: the renewal window is open and the renewal minutes were
  practised within the certificate's own period (from its start date);
- a suspended certificate: **on hold** until a coordinator reinstates it;
- a certificate that lapsed (expired, replaced, or past its grace period) less than
  ``reentry_months`` ago: **renewal after a lapse**: the renewal minutes since the lapsed
  certificate's start, the required courses, and a valid endorsement;
- a lapse longer ago than that, or a certificate that ended while suspended: **re-qualify in
  full**, as for a first certificate;
- a revoked certificate: **blocked** until a coordinator allows re-certification; after that
  decision, re-qualify in full with evidence dated from the decision on.

The package holds the paths (``paths``), the requirement checks (``requirements``) and the
evaluation that combines them (``evaluate``).
"""

from certification.eligibility.evaluate import Eligibility, eligibility_evaluate
from certification.eligibility.paths import (
    ISSUING_PATHS,
    RENEWING_PATHS,
    Path,
    path_of,
    renewal_opens_on,
    renewal_window_open,
)
from certification.eligibility.requirements import (
    COMPETENCY_CODE_PREFIX,
    RequirementResult,
    course_requirements,
)

__all__ = [
    "COMPETENCY_CODE_PREFIX",
    "Eligibility",
    "ISSUING_PATHS",
    "Path",
    "RENEWING_PATHS",
    "RequirementResult",
    "course_requirements",
    "eligibility_evaluate",
    "path_of",
    "renewal_opens_on",
    "renewal_window_open",
]
