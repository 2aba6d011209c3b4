"""The plan and everything stored about it, one module per concern; Django finds the models here."""

from plans.models.audit import AuditEntry, AuditLogIsAppendOnly
from plans.models.follow_up import BudgetExpense, ConsultationResponse, DeadlineReminder, Notification
from plans.models.issuing import IssuedDocument, NumberingRegister, RegisterEntry
from plans.models.legal import LegalText
from plans.models.parts import (
    BudgetContribution,
    BudgetLine,
    Duty,
    LegalBasis,
    PlanPart,
    Recipient,
    Section,
    total_amount,
    unique_order,
)
from plans.models.plan import Plan
from plans.models.typesetting import KeptPhrase

__all__ = [
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "BudgetContribution",
    "BudgetExpense",
    "BudgetLine",
    "ConsultationResponse",
    "DeadlineReminder",
    "Duty",
    "IssuedDocument",
    "KeptPhrase",
    "LegalBasis",
    "LegalText",
    "Notification",
    "NumberingRegister",
    "Plan",
    "PlanPart",
    "Recipient",
    "RegisterEntry",
    "Section",
    "total_amount",
    "unique_order",
]
