"""Signals other apps listen to. Sent after the transaction that caused them commits."""

from django.dispatch import Signal

# Sent with attempt_id, learner_id, quiz_id, passed (bool) once an attempt is graded.
quiz_attempt_graded = Signal()
