"""The local web app and HTTP API (``tdkt serve``): pages for office staff and auditors (choose a
rule set, download its template, upload a workbook, see the reader's decisions and the ranked,
explained result, download the workbook, report and audit bundle, verify a bundle, compare two
rule sets) and a versioned JSON API under ``/api/v1`` for applications in any language.

It sits where the command line sits: it reaches jobs through the registry
(:mod:`..core.job`) and renders with the library's own renderers. Its dependencies are the
``web`` extra (``pip install thiduakhenthuong[web]``); the app itself is
:func:`.app.create_app`; see ``docs/web.md``.
"""
