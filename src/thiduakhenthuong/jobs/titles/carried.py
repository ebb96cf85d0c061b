"""What an explanation says of years counted in another unit: a person's years in a unit other
than the judged year's, a collective's years as its predecessor, and the successions (date,
document) that link them; one description for the terminal, the report and the workbook."""
from __future__ import annotations

from ...core.models import Localized
from ...i18n.explain import merger_policies
from ...render.phrases import t
from .trace import CarriedYears, SuccessionStep, TitleCheckTrace


def _unit(unit_id: str, name: str | None) -> str:
    return f"{name} ({unit_id})" if name else unit_id


def _step(s: SuccessionStep, lang: str) -> str:
    return t("carried_step", lang, kind=s.kind_title.get(lang), source=_unit(s.from_unit,
             s.from_name), target=_unit(s.to_unit, s.to_name), day=s.on.strftime("%d/%m/%Y"),
             document=s.document, row=s.row)


def carried_text(c: CarriedYears) -> Localized:
    """One group of carried years, in both languages.

    >>> import datetime as dt
    >>> s = SuccessionStep(row=3, from_unit="bat_xat", to_unit="xa_bat_xat",
    ...                    on=dt.date(2025, 7, 1), document="QĐ 86", kind="split",
    ...                    kind_title=Localized(vi="Chia, tách", en="Split"))
    >>> carried_text(CarriedYears(call="streak(cstdcs)", years=[2023, 2024], unit_id="bat_xat",
    ...                           successions=[s])).en
    '2023, 2024 counted in bat_xat: Split bat_xat → xa_bat_xat from 01/07/2025 (QĐ 86, succession row 3)'
    """
    def one(lang: str) -> str:
        how = "; ".join(_step(s, lang) for s in c.successions) if c.successions else \
            t("carried_moved", lang)
        return t("carried_line", lang, years=", ".join(map(str, c.years)),
                 unit=_unit(c.unit_id, c.unit_name), how=how)
    return Localized(vi=one("vi"), en=one("en"))


def check_notes(c: TitleCheckTrace, policy: str) -> list[Localized]:
    """Every line a check's explanation adds about other units' years: the histories it was read
    with (a merger under the policy 'all'), then each group of carried years."""
    out = []
    if c.histories > 1:
        key = "histories_decided" if c.history_of else "histories_same"
        unit = _unit(c.history_of, c.history_of_name) if c.history_of else ""
        out.append(Localized(**{lang: t(key, lang, n=c.histories, unit=unit,
                                        policy=merger_policies(policy, lang))
                                for lang in ("vi", "en")}))
    out += [carried_text(x) for x in c.carried]
    return out
