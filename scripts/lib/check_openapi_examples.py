"""Checks that every example of docs/openapi.yaml (request bodies and answers) fits the schema it illustrates, so
the examples cannot drift from the contract. Run by scripts/check-openapi with the .tools/openapi virtualenv's Python
(openapi-schema-validator and referencing come with openapi-spec-validator).

Usage: python check_openapi_examples.py DOCUMENT
"""
import copy
import sys

import yaml
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def follow(document, node):
    """The node a local $ref chain ends at (the document only refers inside itself)."""
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for key in node["$ref"].removeprefix("#/").split("/"):
            target = target[key]
        node = target
    return node


def examples(document, content):
    if "example" in content:
        return [content["example"]]
    return [follow(document, example)["value"] for example in content.get("examples", {}).values()]


def problems(document, schema, value):
    """The schema is placed into a copy of the document, so that its references resolve as they do in it."""
    copied = copy.deepcopy(document)
    copied["components"]["schemas"]["__checked"] = schema
    registry = Registry().with_resource("urn:document", Resource.from_contents(copied, default_specification=DRAFT202012))
    validator = OAS31Validator({"$ref": "urn:document#/components/schemas/__checked"}, registry=registry)
    return [error.message for error in validator.iter_errors(value)]


def main(path):
    document = yaml.safe_load(open(path))
    checked, failures = 0, []
    for route, item in document["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            bodies = [("request", follow(document, operation.get("requestBody", {})))]
            bodies += [(status, follow(document, answer)) for status, answer in operation["responses"].items()]
            for name, body in bodies:
                for content in body.get("content", {}).values():
                    for example in examples(document, content):
                        checked += 1
                        for problem in problems(document, content["schema"], example):
                            failures.append(f"{method} {route} {name}: {problem}")
    for failure in failures:
        print("FAIL " + failure)
    print(f"{checked} examples checked, {len(failures)} do not fit their schema")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
