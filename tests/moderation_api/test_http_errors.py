"""The one mapper from domain errors to HTTP: each domain error answers by its kind, whatever its domain."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from moderation_api import http_errors
from moderation_api.appeals import service as appeals
from moderation_api.auth.policy import AccessDeniedError
from moderation_api.cases import service as cases
from moderation_api.datasets.service import NothingToExportError
from moderation_api.model_versions import compare
from moderation_api.model_versions import service as model_versions
from moderation_api.network.service import ClusterNotFoundError
from moderation_api.notices.service import NoticeError
from moderation_api.postings.service import LegalHoldError, PostingNotFoundError, TextTooLongError
from moderation_api.reports.dsa import InvalidCursorError
from moderation_api.reports.service import ReportPeriodError
from moderation_api.settings import Settings
from moderation_api.webhooks import service as webhooks

# Every error the routers mapped one by one before, with the status they gave it.
STATUS_BEFORE: dict[type[Exception], int] = {
    cases.CaseNotFoundError: 404,
    cases.CaseForbiddenError: 403,
    AccessDeniedError: 403,
    cases.CaseConflictError: 409,
    cases.InvalidTransitionError: 409,
    cases.DecisionInvalidError: 422,
    appeals.AppealNotFoundError: 404,
    appeals.AppealForbiddenError: 403,
    appeals.AppealRefusedError: 409,
    appeals.AppealConflictError: 409,
    ClusterNotFoundError: 404,
    model_versions.ModelNotFoundError: 404,
    model_versions.ModelExistsError: 409,
    model_versions.ModelConflictError: 409,
    model_versions.InvalidModelTransitionError: 409,
    model_versions.EncoderMismatchError: 409,
    model_versions.InvalidModelDirError: 422,
    compare.NoShadowError: 404,
    webhooks.EndpointNotFoundError: 404,
    webhooks.TargetRefusedError: 422,
    webhooks.EndpointRemovedError: 409,
    NothingToExportError: 409,
    NoticeError: 422,
    PostingNotFoundError: 404,
    LegalHoldError: 409,
    TextTooLongError: 422,
    ReportPeriodError: 422,
    InvalidCursorError: 422,
}


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    http_errors.install(app, Settings(database_url="sqlite://", scorer="keyword", run_migrations=False))

    @app.get("/raise/{name}")
    def raise_(name: str) -> None:
        error = next(error for error in STATUS_BEFORE if error.__name__ == name)
        raise error(f"{name} says why")

    @app.get("/crash")
    def crash() -> None:
        raise cases.CaseError("a domain base with no kind")

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("error", list(STATUS_BEFORE), ids=lambda error: error.__name__)
def test_domain_error_of_any_domain_keeps_its_status_and_detail(client: TestClient, error: type) -> None:
    response = client.get(f"/raise/{error.__name__}")
    assert response.status_code == STATUS_BEFORE[error]
    assert response.json() == {"detail": f"{error.__name__} says why"}


def test_case_and_model_registry_errors_share_one_handler_by_kind(client: TestClient) -> None:
    # Two domains' conflicts, one registration: the handler is found by kind, not by domain class.
    case = client.get("/raise/CaseConflictError")
    model = client.get("/raise/ModelConflictError")
    assert (case.status_code, model.status_code) == (409, 409)
    assert set(http_errors.DOMAIN_STATUS).isdisjoint({cases.CaseError, model_versions.ModelRegistryError})


def test_domain_base_without_a_kind_is_still_a_server_error(client: TestClient) -> None:
    assert client.get("/crash").status_code == 500
