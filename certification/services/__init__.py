"""Writes for certification, re-exported explicitly: certificate issuing, lifecycle, PDFs and
status indexes, and supervised practice."""

from certification.services.events import CertificateError
from certification.services.issuing import (
    certificate_check,
    certificate_issue_due,
    certificate_issue_if_eligible,
    certificate_renew,
    endorsement_give,
    renewal_open,
)
from certification.services.lifecycle import (
    certificate_allow_recertification,
    certificate_expire_due,
    certificate_reinstate,
    certificate_revoke,
    certificate_send_reminders,
    certificate_suspend,
)
from certification.services.pdf import (
    certificate_document,
    certificate_pdf_failed,
    certificate_pdf_rerender_refusal,
    certificate_pdf_store,
    certificate_pdf_withheld,
    evidence_competency_names,
    verification_url,
)
from certification.services.practice import (
    practice_log_approve,
    practice_log_create,
    practice_log_reassign,
    practice_log_reject,
    practice_log_request_changes,
    practice_log_submit,
    practice_log_update,
    practice_log_withdraw,
)
from certification.services.supervision import supervision_link_delete, supervision_link_save

__all__ = [
    "CertificateError",
    "certificate_allow_recertification",
    "certificate_check",
    "certificate_document",
    "certificate_expire_due",
    "certificate_issue_due",
    "certificate_issue_if_eligible",
    "certificate_pdf_failed",
    "certificate_pdf_rerender_refusal",
    "certificate_pdf_store",
    "certificate_pdf_withheld",
    "certificate_reinstate",
    "certificate_renew",
    "certificate_revoke",
    "certificate_send_reminders",
    "certificate_suspend",
    "endorsement_give",
    "practice_log_approve",
    "practice_log_create",
    "practice_log_reassign",
    "practice_log_reject",
    "practice_log_request_changes",
    "practice_log_submit",
    "practice_log_update",
    "practice_log_withdraw",
    "supervision_link_delete",
    "supervision_link_save",
    "evidence_competency_names",
    "renewal_open",
    "verification_url",
]
