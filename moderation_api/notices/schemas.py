from __future__ import annotations

from pydantic import BaseModel, Field

from moderation_api.postings.schemas import MAX_TEXT_CHARS
from moderation_api.request_model import RequestModel


class NoticeIn(RequestModel):
    """A user's report of a posting, forwarded by the platform (DSA Art. 16 notice)."""

    source: str = Field(min_length=1, max_length=100)
    external_id: str = Field(min_length=1, max_length=200)
    text: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        description="needed if the posting is new to Vigil",
    )
    notice_ref: str | None = Field(default=None, max_length=200, description="the platform's notice id")
    category: str | None = Field(default=None, max_length=40, description="what the user reported it as")
    explanation: str | None = Field(default=None, max_length=4000)


class NoticeOut(BaseModel):
    notice_id: int
    posting_id: int
    case_id: int
    case_created: bool = Field(description="false when the notice joined an existing undecided case")
