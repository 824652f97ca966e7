from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from moderation_api.deps import (
    AppSettings,
    CurrentViewer,
    DbSession,
    Integrator,
    PostingDeleter,
    PostingReader,
    RowId,
    Scorer,
    Scoring,
    ShadowScoring,
)
from moderation_api.postings import service
from moderation_api.postings.schemas import (
    IngestRequest,
    IngestResponse,
    PostingOut,
    ScoreOut,
    ScoreRequest,
    ScoreResponse,
)

router = APIRouter(prefix="/v1", tags=["scoring and ingest"])


def _check_batch(size: int, settings: AppSettings) -> None:
    if size > settings.max_batch:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"batch of {size} exceeds the limit of {settings.max_batch}",
        )


@router.post("/score", response_model=ScoreResponse)
def score(body: ScoreRequest, _: Scoring, scorer: Scorer, settings: AppSettings) -> ScoreResponse:
    """Score one text or a batch without storing anything."""
    if (body.text is None) == (body.items is None):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "send exactly one of 'text' or 'items'")
    items = body.items if body.items is not None else []
    texts = [body.text] if body.text is not None else [item.text for item in items]
    _check_batch(len(texts), settings)
    ids = [item.id for item in items] if items else [None]
    results = service.score_texts(scorer, texts, max_text_chars=settings.max_text_chars)
    return ScoreResponse(results=[ScoreOut(id=i, **r) for i, r in zip(ids, results, strict=True)])


@router.post("/postings", response_model=IngestResponse)
def ingest(
    body: IngestRequest,
    principal: Integrator,
    scorer: Scorer,
    shadow: ShadowScoring,
    session: DbSession,
    settings: AppSettings,
) -> IngestResponse:
    """Store and score postings; flagged ones open cases. Retrying the same (source, external_id) is safe.
    While a model version is in shadow, new postings are scored by it too (stored apart, routing nothing)."""
    _check_batch(len(body.postings), settings)
    results = service.ingest(
        session,
        scorer=scorer,
        items=body.postings,
        actor=principal.actor,
        category_cutoff=settings.category_cutoff,
        max_text_chars=settings.max_text_chars,
        qa_sample_rate=settings.qa_sample_rate,
        shadow=shadow,
    )
    return IngestResponse(results=results)


@router.get("/postings/{posting_id}", response_model=PostingOut)
def get_posting(posting_id: RowId, _: PostingReader, viewer: CurrentViewer, session: DbSession) -> PostingOut:
    """The posting, its score and its cases' outcomes; on a restricted posting the caller's role may see
    only part of, the rest is withheld and ``access`` says what and why."""
    return service.posting_view(session, posting_id=posting_id, viewer=viewer)


@router.delete("/postings/{posting_id}", response_model=PostingOut)
def delete_posting(
    posting_id: RowId, principal: PostingDeleter, viewer: CurrentViewer, session: DbSession
) -> PostingOut:
    """Erase a posting's text and all text-derived data (audited); refused (409) under a legal hold."""
    service.delete_posting(session, posting_id=posting_id, principal=principal)
    return service.posting_view(session, posting_id=posting_id, viewer=viewer)
