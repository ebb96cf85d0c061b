"""Field, value and title labels of a rule set, in one language or both."""
from __future__ import annotations

from .page import Text, join
from .values import show_value
from ..tables.attested import expand_attested


class Labels:
    """Field titles and enum value labels of a title rule set, in one language."""

    def __init__(self, model=None, lang: str = "vi"):
        self.lang = lang
        self.names: dict[str, str] = {}
        self.values: dict[str, dict[str, str]] = {}
        if model is None:
            return
        fields = {**expand_attested(model.inputs), **expand_attested(model.unit_inputs)}
        for n, f in fields.items():
            self.names[n] = f.title.get(lang)
            if f.labels:
                self.values[n] = {k: v.get(lang) for k, v in f.labels.items()}
        self.names.update({tt.id: tt.title.get(lang) for tt in model.titles})
        self.names.update({n: p.title.get(lang) for n, p in model.parameters.items()})

    def __call__(self, name: str) -> str:
        return self.names.get(name, name)

    def pairs(self, values: dict) -> str:
        return ", ".join(f"{self(k)} = {self.value(k, v)}" for k, v in values.items())

    def value(self, name: str, v) -> str:
        if isinstance(v, str) and v in self.values.get(name, {}):
            return self.values[name][v]
        return show_value(v, self.lang)


class BiLabels:
    """Field and value labels of a rule set in both languages (see
    :class:`..explain.render_titles.Labels`)."""

    def __init__(self, model):
        self.vi, self.en = _labels(model, "vi"), _labels(model, "en")

    def __call__(self, name: str) -> Text:
        return Text(vi=self.vi(name), en=self.en(name))

    def pairs(self, values: dict) -> Text:
        return Text(vi=self.vi.pairs(values), en=self.en.pairs(values))

    def names(self, names: list[str]) -> Text:
        return join([self(n) for n in names])


def _labels(model, lang: str) -> Labels:
    if hasattr(model, "unit_inputs"):
        return Labels(model, lang)
    # A conference rule set has one candidates table and no titles: fill the same lookups.
    out = Labels(lang=lang)
    for n, f in expand_attested(model.inputs).items():
        out.names[n] = f.title.get(lang)
        if f.labels:
            out.values[n] = {k: v.get(lang) for k, v in f.labels.items()}
    out.names.update({n: p.title.get(lang) for n, p in model.parameters.items()})
    return out
