"""Signals other parts of certification listen to (eligibility, certificates)."""

from django.dispatch import Signal

# Sent after a practice log's approval commits; kwargs: log_id, mentor_id.
practice_log_approved = Signal()
