"""Events other apps may react to. Both are sent after the transaction that recorded them
commits, with ids only (receivers re-read what they need and only enqueue work).

- ``module_completed``: ``learner_id``, ``module_id``, ``course_id``.
- ``course_completed``: ``learner_id``, ``course_id``, ``enrolment_id``.
- ``quiz_attempt_graded``: ``attempt_id``, ``learner_id``, ``quiz_id``, ``passed``.
"""

from django.dispatch import Signal

module_completed = Signal()
course_completed = Signal()

# Sent once an attempt is graded: ``attempt_id``, ``learner_id``, ``quiz_id``, ``passed``.
quiz_attempt_graded = Signal()
