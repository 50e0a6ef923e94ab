"""Certification models, re-exported explicitly."""

from certification.credentials.models import SpentStatusIndex
from certification.models.certificates import (
    CURRENT_STATUSES,
    Certificate,
    CertificateStatus,
    Endorsement,
    PdfStatus,
    RecertificationDecision,
    SerialCounter,
)
from certification.models.events import (
    REMINDER_KINDS,
    CertificateEvent,
    CertificateEventKind,
    PracticeLogEvent,
)
from certification.models.practice import (
    COMMENT_MAX_LENGTH,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    REFLECTION_MAX_LENGTH,
    PracticeLog,
    PracticeLogCompetency,
    SupervisionLink,
    SupervisorProfile,
)
from certification.models.programmes import CertificationProgramme, CompetencyRequirement

__all__ = [
    "COMMENT_MAX_LENGTH",
    "CURRENT_STATUSES",
    "MAX_DURATION_MINUTES",
    "MIN_DURATION_MINUTES",
    "REFLECTION_MAX_LENGTH",
    "REMINDER_KINDS",
    "Certificate",
    "CertificateEvent",
    "CertificateEventKind",
    "CertificateStatus",
    "CertificationProgramme",
    "CompetencyRequirement",
    "Endorsement",
    "PdfStatus",
    "PracticeLog",
    "PracticeLogCompetency",
    "PracticeLogEvent",
    "RecertificationDecision",
    "SerialCounter",
    "SpentStatusIndex",
    "SupervisionLink",
    "SupervisorProfile",
]
