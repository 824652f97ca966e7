"""All ORM models in one import, for Alembic and ``create_all`` in tests."""

from moderation_api.appeals.models import Appeal
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.models import ApiKey
from moderation_api.cases.models import Case
from moderation_api.db import Base
from moderation_api.model_versions.models import ModelVersion, ShadowScore
from moderation_api.network.models import Cluster, PostingBucket, PostingContact
from moderation_api.notices.models import Notice
from moderation_api.postings.models import LegalHold, Posting
from moderation_api.qa.models import QaStratum
from moderation_api.rescoring.models import RescoreChunk, RescoreRun
from moderation_api.webhooks.models import DeliveryAttempt, OutboxEvent, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "Appeal",
    "AuditEvent",
    "Base",
    "Case",
    "Cluster",
    "DeliveryAttempt",
    "LegalHold",
    "ModelVersion",
    "Notice",
    "OutboxEvent",
    "Posting",
    "PostingBucket",
    "PostingContact",
    "QaStratum",
    "RescoreChunk",
    "RescoreRun",
    "ShadowScore",
    "WebhookDelivery",
    "WebhookEndpoint",
]
