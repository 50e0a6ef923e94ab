"""Signals other parts of certification listen to (eligibility, certificates)."""

from django.dispatch import Signal

# Sent after a practice log's approval commits; kwargs: log_id, mentor_id.
practice_log_approved = Signal()

# Sent after a certificate is issued or renewed commits; kwargs: certificate_id, holder_id,
# programme_id, kind.
certificate_issued = Signal()

# Sent after a certificate stops counting (suspended, revoked or expired) commits; same kwargs.
# The matching app listens to flag the holder's active assignments for review.
certificate_lapsed = Signal()

# Sent INSIDE the transaction that changes a certificate's status (suspend, reinstate, revoke,
# expire, supersede), with the holder's row locked; kwargs: certificate_id, holder_id,
# programme_id, status. Matching re-checks the holder's assignments in the same transaction,
# so no commit ever leaves an active assignment behind a certificate that stopped counting.
certificate_status_changed = Signal()

# Sent (synchronously) when someone asks to delete a supervision link; kwargs: link. A receiver
# returns a list of reasons, each a short phrase ("an open assignment of this mentor relies on
# it"), when something downstream depends on the link: it is then ended, never deleted. The
# matching app answers for the mentor's open assignments.
supervision_link_in_use = Signal()
