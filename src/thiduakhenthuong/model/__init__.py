"""Typed rule model, safe YAML loading and rule-set checks."""
