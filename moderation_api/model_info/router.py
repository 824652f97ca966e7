from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import FileResponse

from moderation_api.deps import Scorer, require
from moderation_api.model_info.schemas import ModelInfo
from moderation_api.model_info.service import model_info, plot_path

router = APIRouter(prefix="/v1/model", tags=["model"], dependencies=[Depends(require("model"))])


@router.get("", response_model=ModelInfo)
def get_model(request: Request, scorer: Scorer) -> ModelInfo:
    """The model in use: name, version, thresholds in force, model card and metrics."""
    return model_info(scorer, request.app.state.model_dir)


@router.get("/plots/{name}", response_class=FileResponse)
def get_plot(name: str, request: Request) -> FileResponse:
    path = plot_path(request.app.state.model_dir, name)
    if path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no plot named {name!r}")
    return FileResponse(path, media_type="image/png")
