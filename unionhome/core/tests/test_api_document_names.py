"""The API document describes each operation's own body: two apps' schemas of the same class name (care's and
suggestions' ``AssignIn``) once shared one entry, and the document showed one's fields for the other."""
from unionhome.api import api


def _resolve(schema, components):
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def test_every_documented_request_body_has_the_fields_its_operation_reads():
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    wrong, checked = [], 0
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                bodies = [m for m in operation.models if m.__ninja_param_source__ == "body"]
                if len(bodies) != 1 or len(bodies[0].model_fields) != 1:
                    continue
                (field,) = bodies[0].model_fields.values()
                expected = {f.alias or name for name, f in field.annotation.model_fields.items()} \
                    if hasattr(field.annotation, "model_fields") else None
                if expected is None:
                    continue
                url = "/api/v1" + (prefix + path).replace("//", "/").rstrip("/") if (prefix + path) != "/" else ""
                documented = None
                for doc_path, ops in document["paths"].items():
                    if doc_path.rstrip("/") == url.rstrip("/"):
                        for method in operation.methods:
                            op = ops.get(method.lower())
                            if op and "requestBody" in op:
                                body = op["requestBody"]["content"]["application/json"]["schema"]
                                documented = set(_resolve(body, components).get("properties", {}))
                if documented is None:
                    continue
                checked += 1
                if documented != expected:
                    wrong.append((url, operation.methods, sorted(documented), sorted(expected)))
    assert checked > 80
    assert not wrong, wrong


def test_a_shared_class_name_is_filed_under_its_module():
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "unionhome__care__api_campaigns__AssignIn" in components
    assert "unionhome__suggestions__api__AssignIn" in components
    assert "AssignIn" not in components
    assert "ElectionIn" in components  # a name only one schema uses keeps it
