from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import FileResponse

from moderation_api.auth.policy import Permission
from moderation_api.deps import Scorer, require
from moderation_api.model_info.schemas import ModelInfo
from moderation_api.model_info.service import model_info, plot_path

router = APIRouter(prefix="/v1/model", tags=["model"], dependencies=[Depends(require(Permission.MODEL))])


@router.get("", response_model=ModelInfo)
def get_model(scorer: Scorer) -> ModelInfo:
    """The model in use: name, version, thresholds in force, model card and metrics."""
    return model_info(scorer)


@router.get("/plots/{name}", response_class=FileResponse)
def get_plot(name: str, scorer: Scorer) -> FileResponse:
    path = plot_path(scorer, name)
    if path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no plot named {name!r}")
    return FileResponse(path, media_type="image/png")
