"""The pydantic bases every model builds on, and bilingual text."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class Localized(Strict):
    """A text in Vietnamese and English."""
    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)
