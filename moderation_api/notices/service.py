"""User notices: each opens a case with source ``notice`` or joins the posting's undecided case."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.results import TextScorer
from moderation_api.auth.schemas import Principal
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState
from moderation_api.cases.service import case_facts, open_case, transition
from moderation_api.db import AppLock, run_transaction, take_lock
from moderation_api.errors import InvalidInputError
from moderation_api.notices.models import Notice
from moderation_api.notices.schemas import NoticeIn, NoticeOut
from moderation_api.postings.models import Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import check_text_lengths, find_posting, get_posting, ingest


class NoticeError(InvalidInputError):
    """The notice cannot be processed as sent (HTTP 422)."""


def submit_notice(
    session: Session,
    *,
    scorer: TextScorer,
    notice: NoticeIn,
    principal: Principal,
    category_cutoff: float,
    max_text_chars: int | None = None,
) -> NoticeOut:
    check_text_lengths([("text", notice.text)], max_chars=max_text_chars)
    posting = find_posting(session, source=notice.source, external_id=notice.external_id)
    if posting is None:
        if notice.text is None:
            raise NoticeError("this posting is not known to Vigil yet: include its 'text'")
        item = PostingIn(source=notice.source, external_id=notice.external_id, text=notice.text)
        (result,) = ingest(
            session, scorer=scorer, items=[item], actor=principal.actor, category_cutoff=category_cutoff
        )
        posting = get_posting(session, posting_id=result.posting_id)
    found = posting
    return run_transaction(
        session,
        lambda: _attach(
            session, posting=found, notice=notice, principal=principal, category_cutoff=category_cutoff
        ),
    )


def _attach(
    session: Session, *, posting: Posting, notice: NoticeIn, principal: Principal, category_cutoff: float
) -> NoticeOut:
    """Join the posting's undecided case or open one: a unit of work that never opens a second case."""
    # Every path that opens cases (ingest, a confirmation's cluster, notices) holds the network lock, so
    # two of them never both find "no undecided case" for one posting; the case row is locked so a claim
    # cannot bump its version between the read and the notice's transition.
    take_lock(session, AppLock.NETWORK)
    case = session.scalar(
        select(Case)
        .where(Case.posting_id == posting.id, Case.state != str(CaseState.DECIDED))
        .order_by(Case.id)
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    created = case is None
    if case is None:
        facts = case_facts(posting.score, category_cutoff=category_cutoff)
        case = open_case(
            session,
            posting=posting,
            source=CaseSource.NOTICE,
            actor=principal.actor,
            actor_kind="human",
            minor=facts.minor,
            categories=facts.categories,
            notes=notice.explanation,
        )
    else:
        transition(
            session,
            case=case,
            action="notice_added",
            actor=principal.actor,
            notes=notice.explanation,
            details={"category": notice.category},
            changes={"notice_count": case.notice_count + 1},
        )
    record = Notice(
        posting_id=posting.id,
        case_id=case.id,
        notice_ref=notice.notice_ref,
        category=notice.category,
        explanation=notice.explanation,
    )
    session.add(record)
    session.commit()
    return NoticeOut(notice_id=record.id, posting_id=posting.id, case_id=case.id, case_created=created)


def notices_of_case(session: Session, *, case_id: int) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.case_id == case_id).order_by(Notice.id)))
