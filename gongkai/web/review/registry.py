"""Which models' texts may be reviewed, and who may decide: registered by the owning app.

    from gongkai.web.review.registry import register

    register(
        Item,                                   # the model whose text is checked
        fields=("body",),                       # the fields that hold such text
        may_decide=lambda user, item: rules.may_review_item(user, item),
        text=lambda item, field: item.review_text(),          # default: getattr(item, field)
        options=lambda item: CheckOptions(year=item.year, allowed_phones=item.agency.phones),
    )

Call it once, from the app's `AppConfig.ready()`. A model that is not registered cannot
receive decisions through the view (404): the review app never guesses who may decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.check import CheckOptions


def _attribute_text(obj: Any, field: str) -> str:
    value = getattr(obj, field)
    return str(value() if callable(value) else value or "")


def _no_options(obj: Any) -> CheckOptions | None:
    return None


@dataclass(frozen=True)
class Registration:
    model: type
    fields: tuple[str, ...]
    may_decide: Callable[[Any, Any], bool]
    text: Callable[[Any, str], str] = _attribute_text
    options: Callable[[Any], CheckOptions | None] = _no_options


_REGISTRY: dict[tuple[str, str], Registration] = {}


def _key(model: type) -> tuple[str, str]:
    meta = model._meta  # type: ignore[attr-defined]
    return (meta.app_label, meta.model_name)


def register(
    model: type,
    *,
    fields: tuple[str, ...],
    may_decide: Callable[[Any, Any], bool],
    text: Callable[[Any, str], str] | None = None,
    options: Callable[[Any], CheckOptions | None] | None = None,
) -> None:
    if not fields:
        raise ValueError("register() needs the names of the fields whose text is checked")
    _REGISTRY[_key(model)] = Registration(
        model, tuple(fields), may_decide, text or _attribute_text, options or _no_options
    )


def unregister(model: type) -> None:
    _REGISTRY.pop(_key(model), None)


def registration(app_label: str, model_name: str) -> Registration | None:
    return _REGISTRY.get((app_label, model_name.lower()))


def registration_for(obj: Any) -> Registration | None:
    return _REGISTRY.get(_key(type(obj)))
