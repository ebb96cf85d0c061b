"""Attested fields: a yes/no judgement with its evidence (who, when)."""
from __future__ import annotations

from ..core.models import Localized
from ..rulebook.base import InputField


def expand_attested(fields: dict[str, InputField]) -> dict[str, InputField]:
    """The table's columns: each ``attested`` field becomes its value (yes/no), who attested it
    (``<name>_by``) and when (``<name>_on``), all optional, since missing evidence is an outcome
    ("not determinable"), not a bad row.

    >>> f = {"ethics": InputField(type="attested", title={"vi": "Đạo đức", "en": "Ethics"})}
    >>> list(expand_attested(f))
    ['ethics', 'ethics_by', 'ethics_on']
    """
    out: dict[str, InputField] = {}
    for name, f in fields.items():
        if f.type != "attested":
            out[name] = f
            continue
        out[name] = f.model_copy(update={"type": "bool", "required": False})
        for suffix, typ, vi, en in (("by", "text", "người xác nhận", "attested by"),
                                    ("on", "date", "ngày xác nhận", "attested on")):
            out[f"{name}_{suffix}"] = InputField(
                type=typ, required=False,
                title=Localized(vi=f"{f.title.vi} - {vi}", en=f"{f.title.en} - {en}"),
                aliases=[f"{a} - {vi}" for a in f.aliases])
    return out
