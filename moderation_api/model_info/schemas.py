from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ModelInfo(BaseModel):
    name: str
    version: str
    thresholds: dict[str, float] = Field(description="the band thresholds in force (settings may override)")
    card_markdown: str | None = Field(description="MODEL_CARD.md as text; clients show it as text")
    metrics: dict[str, Any] | None
    plots: list[str]
