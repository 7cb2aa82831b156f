"""The playbook: which reply fits a message, and filling its template.

Templates are Jinja2 files (``mailsync/playbook/templates/<type>.j2``,
overridable by a caller's directory) rendered with StrictUndefined, so a
missing fact can never leave a placeholder in the text: it comes back as
:class:`MissingFacts` naming each fact and what it is ("missing facts are
asked for, never invented", design.md). Each template opens with a header
comment declaring its recipient and facts (format: :mod:`~mailsync.playbook.facts`),
then a ``Subject:`` line and the body (paragraphs may wrap; they are joined
when rendered).

The closing and signature (with AAMC and ECFMG IDs, policy.md (b) "All
messages") are appended by :func:`render_draft`.

Modules: :mod:`~mailsync.playbook.choose` (reply types for a message, the
offer checklist), :mod:`~mailsync.playbook.specialty` (wording groups of
policy.md (f)), :mod:`~mailsync.playbook.facts` (declared facts, template
headers), :mod:`~mailsync.playbook.catalog` (loading templates),
:mod:`~mailsync.playbook.context` (what a template sees),
:mod:`~mailsync.playbook.names`, :mod:`~mailsync.playbook.recipients` (To,
salutation, Cc), :mod:`~mailsync.playbook.signature` and
:mod:`~mailsync.playbook.render` (:func:`render_draft`).
"""

from __future__ import annotations

from mailsync.playbook.catalog import required_facts, template_spec
from mailsync.playbook.choose import OFFER_CHECKLIST, choose_type
from mailsync.playbook.context import ReplyContext, build_context
from mailsync.playbook.facts import BASE_FACTS, FactSpec, TemplateSpec, parse_header
from mailsync.playbook.names import last_name
from mailsync.playbook.recipients import RECIPIENTS, Recipient, resolve_recipient, salutation
from mailsync.playbook.render import Draft, MissingFacts, render_draft
from mailsync.playbook.signature import signature_block
from mailsync.playbook.specialty import SPECIALTY_GROUPS, specialty_group

__all__ = [
    "BASE_FACTS", "OFFER_CHECKLIST", "RECIPIENTS", "SPECIALTY_GROUPS", "Draft", "FactSpec",
    "MissingFacts", "Recipient", "ReplyContext", "TemplateSpec", "build_context", "choose_type",
    "last_name", "parse_header", "render_draft", "required_facts", "resolve_recipient",
    "salutation", "signature_block", "specialty_group", "template_spec",
]
