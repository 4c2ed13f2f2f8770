"""Describe the one error shape on every operation of the OpenAPI schema."""

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_ERRORS = {
    "400": "The request was not valid; `fields` says what to change.",
    "401": "Authentication is required.",
    "403": "You may not do this.",
    "404": "Not found, or not visible to you.",
    "413": "The request body is too large.",
    "414": "The address (with its query) is too long.",
    "415": "The body's media type is not one the API reads: send JSON (or a form).",
    "429": "Too many requests; try again later.",
}


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorDetail"] = {
        "type": "object",
        "properties": {
            "status": {"type": "integer"},
            "code": {"type": "string"},
            "message": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        "required": ["status", "code", "message"],
    }
    schemas["Error"] = {
        "type": "object",
        "properties": {"error": {"$ref": "#/components/schemas/ErrorDetail"}},
        "required": ["error"],
    }
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            # Every operation reads its query (filters, paging): any may answer 400; those that may take a
            # body, 413 (too large) and 415 (a media type no parser reads).
            wanted = ["400", "401", "403", "404", "414", "429"] + (["413", "415"] if method != "get" else [])
            for code in wanted:
                responses.setdefault(
                    code,
                    {"description": _ERRORS[code], "content": {"application/json": {"schema": _ERROR_REF}}},
                )
    return result
