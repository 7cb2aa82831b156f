"""The template catalogue: packaged Jinja2 templates, a caller's overrides, their headers.

Templates live in ``mailsync/playbook/templates/<type>.j2`` (package data); a
directory given by the caller (config ``[templates] dir``) is searched first,
so an applicant can reword any template. Rendering uses StrictUndefined, so a
missing fact fails loudly instead of leaving a placeholder in the text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from mailsync.playbook.facts import BASE_REQUIRED, FactSpec, TemplateSpec, parse_header
from mailsync.playbook.specialty import specialty_group
from mailsync.taxonomy import OutgoingType as T


def _sentence(value: str) -> str:
    """Capitalize a user-given phrase and end it with a full stop."""
    text = str(value).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@lru_cache(maxsize=8)
def _environment(template_dir: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.PackageLoader("mailsync.playbook", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    env.filters["sentence"] = _sentence
    return env


def environment(template_dir: Path | None) -> jinja2.Environment:
    """The (cached) environment for the packaged templates and ``template_dir``."""
    return _environment(str(template_dir) if template_dir else None)


def template_spec(type_: T, template_dir: Path | None = None) -> TemplateSpec:
    env = environment(template_dir)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"{type_.value}.j2")
    return parse_header(source)


def required_facts(type_: T, specialty: str, *, template_dir: Path | None = None
                   ) -> tuple[FactSpec, ...]:
    """Facts the type's template needs for a specialty, besides name and program.

    Facts normally found in the profile or program record (degree, school) are
    listed too: they are asked for when the profile lacks them. The salutation
    may additionally need ``pd_name`` and the recipient's address.
    """
    spec = template_spec(type_, template_dir)
    return (*BASE_REQUIRED, *spec.required(specialty_group(specialty)))
