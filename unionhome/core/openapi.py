"""The API document's schema names: one name per schema class.

django-ninja files every request and response schema under ``components/schemas`` by its class name, so two apps'
``AssignIn`` (care's ``officer_id``, suggestions' ``assignee_id``) shared one entry and the document showed one app's
fields for the other's operation: a client written from ``/api/v1/docs`` sent fields the endpoint refuses. Here a
class name that more than one of the project's schemas uses is filed under its module's path instead
(``unionhome__care__api_campaigns__AssignIn``); unique names stay as they were.
"""
from __future__ import annotations

import functools
from collections import Counter

from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel


@functools.cache
def _shared_names() -> frozenset[str]:
    """Class names used by more than one of the project's schemas (test modules left out)."""
    found: set[type] = set()
    stack = list(BaseModel.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls not in found:
            found.add(cls)
            stack.extend(cls.__subclasses__())
    counts = Counter(c.__name__ for c in found
                     if c.__module__.startswith("unionhome.") and ".tests" not in c.__module__)
    return frozenset(name for name, n in counts.items() if n > 1)


class UniqueNamesJsonSchema(NinjaGenerateJsonSchema):
    def get_defs_ref(self, core_mode_ref):
        ref = super().get_defs_ref(core_mode_ref)
        path = core_mode_ref[0].rsplit(":", 1)[0]
        module, _, name = path.rpartition(".")
        if module.startswith("unionhome.") and name in _shared_names():
            short = self.normalize_name(name)
            choices = self._prioritized_defsref_choices[ref]
            self._prioritized_defsref_choices[ref] = [c for c in choices if c.split("-")[0] != short]
        return ref


class UniqueNamesOpenAPISchema(OpenAPISchema):
    def _create_schema_from_model(self, model, by_alias=True, remove_level=True, mode="validation"):
        if hasattr(model, "__ninja_flatten_map__"):
            schema = self._flatten_schema(model)
        else:
            schema = model.model_json_schema(ref_template=REF_TEMPLATE, by_alias=by_alias,
                                             schema_generator=UniqueNamesJsonSchema, mode=mode).copy()
        if schema.get("$defs"):
            self.add_schema_definitions(schema.pop("$defs"))
        if remove_level and len(schema["properties"]) == 1:
            name, details = list(schema["properties"].items())[0]
            return details, name in schema.get("required", {})
        return schema, True
