"""The library's version: one place, read by the package metadata and by audit bundles."""
__version__ = "0.1.0"
