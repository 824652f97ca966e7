from __future__ import annotations

from fastapi import APIRouter, status

from moderation_api.deps import AppSettings, DbSession, NoticeSender, Scorer
from moderation_api.notices.schemas import NoticeIn, NoticeOut
from moderation_api.notices.service import submit_notice

router = APIRouter(prefix="/v1", tags=["notices"])


@router.post("/notices", response_model=NoticeOut, status_code=status.HTTP_201_CREATED)
def create_notice(
    body: NoticeIn, principal: NoticeSender, scorer: Scorer, session: DbSession, settings: AppSettings
) -> NoticeOut:
    """Forward a user's report of a posting; it opens a case (source ``notice``) or joins the open one."""
    return submit_notice(
        session,
        scorer=scorer,
        notice=body,
        principal=principal,
        category_cutoff=settings.category_cutoff,
        max_text_chars=settings.max_text_chars,
    )
