"""Events other apps may react to. Both are sent after the transaction that recorded them
commits, with ids only (receivers re-read what they need and only enqueue work).

- ``module_completed``: ``learner_id``, ``module_id``, ``course_id``.
- ``course_completed``: ``learner_id``, ``course_id``, ``enrolment_id``.
"""

from django.dispatch import Signal

module_completed = Signal()
course_completed = Signal()
