"""Jobs: what each kind of rule set (scoring, titles, conferences) provides to the generic parts."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Job(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
