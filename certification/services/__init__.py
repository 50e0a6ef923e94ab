"""Writes for certification, re-exported explicitly: practice logs and certificates."""

from certification.services.certificates import (
    CertificateError,
    certificate_check,
    certificate_expire_due,
    certificate_issue_if_eligible,
    certificate_pdf_failed,
    certificate_pdf_store,
    certificate_reinstate,
    certificate_renew,
    certificate_revoke,
    certificate_send_reminders,
    certificate_suspend,
    endorsement_give,
    renewal_open,
    verification_url,
)
from certification.services.practice import (
    practice_log_approve,
    practice_log_create,
    practice_log_reject,
    practice_log_request_changes,
    practice_log_submit,
    practice_log_update,
)

__all__ = [
    "CertificateError",
    "certificate_check",
    "certificate_expire_due",
    "certificate_issue_if_eligible",
    "certificate_pdf_failed",
    "certificate_pdf_store",
    "certificate_reinstate",
    "certificate_renew",
    "certificate_revoke",
    "certificate_send_reminders",
    "certificate_suspend",
    "endorsement_give",
    "practice_log_approve",
    "practice_log_create",
    "practice_log_reject",
    "practice_log_request_changes",
    "practice_log_submit",
    "practice_log_update",
    "renewal_open",
    "verification_url",
]
