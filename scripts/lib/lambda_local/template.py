"""The function's settings from the SAM template: its properties with Globals merged in, and its environment
variables resolved to local values (docs/local-running.md)."""
import json
import os

import yaml

from lambda_local import USAGE, InvokeError

ACCOUNT_ID = "123456789012"
# Parameters without a Default: the placeholders scripts/local-api uses too.
PARAMETER_PLACEHOLDERS = {
    "PublicBaseUrl": "https://registration.example.com",
    "ManualRegistrationUrl": "https://manual-registration.example.com/apps",
}
# Local names of resources, the same as scripts/local-api's, so both can share one moto server.
LOCAL_NAMES = {"CLIENTS_TABLE": "registration-clients-local", "SECRET_PREFIX": "local/clients/",
               "IDEMPOTENCY_PEPPER_SECRET": "local/idempotency-pepper"}

# The resources made in a loopback emulator for the functions that name them, by type: the boto3 service and the
# SDK's per-service endpoint variable.
EMULATED = {"AWS::DynamoDB::Table": ("dynamodb", "AWS_ENDPOINT_URL_DYNAMODB"),
            "AWS::SQS::Queue": ("sqs", "AWS_ENDPOINT_URL_SQS"),
            "AWS::Events::EventBus": ("events", "AWS_ENDPOINT_URL_EVENTBRIDGE"),
            "AWS::SecretsManager::Secret": ("secretsmanager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")}


def endpoint_for(resource_type, endpoints):
    _, variable = EMULATED[resource_type]
    return endpoints.get(variable) or endpoints["AWS_ENDPOINT_URL"]


class CfnLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form tags: !Ref X -> {"Ref": X}, !GetAtt a.b -> {"Fn::GetAtt": [a, b]}."""


def _cfn_tag(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CfnLoader.add_multi_constructor("!", _cfn_tag)


def read_template(path):
    try:
        return yaml.load(path.read_text(), Loader=CfnLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise InvokeError(f"cannot read {path}: {error}")


def functions_of(template):
    return {name: resource for name, resource in template.get("Resources", {}).items()
            if resource.get("Type") == "AWS::Serverless::Function"}


def merged(globals_, own):
    """SAM's Globals rule for maps: merged key by key, the function's value winning; other values: the function's."""
    if isinstance(globals_, dict) and isinstance(own, dict):
        result = dict(globals_)
        for key, value in own.items():
            result[key] = merged(globals_.get(key), value) if key in globals_ else value
        return result
    return own


def function_properties(template, function):
    """The function's properties with Globals.Function merged in (Environment.Variables merged by name)."""
    functions = functions_of(template)
    if function not in functions:
        raise InvokeError(f"{function} is not a function of the template; its functions: "
                          f"{', '.join(sorted(functions))}", USAGE)
    properties = merged(template.get("Globals", {}).get("Function", {}), functions[function].get("Properties", {}))
    properties.setdefault("Environment", {}).setdefault("Variables", {})
    if isinstance(properties.get("LoggingConfig"), dict):
        # ApplicationLogLevel is a parameter's Ref: its Default, as a deploy without an override gets.
        properties["LoggingConfig"] = {key: parameter_default(template, value)
                                       for key, value in properties["LoggingConfig"].items()}
    return properties


def parameter_default(template, value):
    """The Default of the parameter a {"Ref": ...} names; any other value as it is."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        parameter = template.get("Parameters", {}).get(value["Ref"], {})
        return str(parameter["Default"]) if "Default" in parameter else value
    return value


class Resolver:
    """The local value of a template variable (docs/local-running.md)."""

    def __init__(self, template, region, endpoints):
        self.parameters = template.get("Parameters", {})
        self.resources = template.get("Resources", {})
        self.region = region
        self.endpoints = endpoints
        self.unresolved = []   # "NAME (what)" of variables left unset
        self.local = []        # "NAME=value" of resources given local names
        self.emulated = []     # (logical id, type, local name or URL) of the resources to make in the emulator

    def value(self, name, value):
        ref = value["Ref"] if isinstance(value, dict) and list(value) == ["Ref"] and isinstance(value["Ref"], str) \
            else None
        if name in os.environ:
            resolved = os.environ[name]
        elif ref is not None:
            resolved = self.ref(name, ref)
        elif isinstance(value, bool):
            resolved = str(value).lower()
        elif isinstance(value, (str, int, float)):
            resolved = str(value)
        else:
            self.unresolved.append(f"{name} ({json.dumps(value)})")
            resolved = None
        if ref is not None and resolved is not None:
            logical = ref.split(".", 1)[0]
            resource_type = self.resources.get(logical, {}).get("Type")
            if resource_type in EMULATED:
                self.emulated.append((logical, resource_type, resolved))
        return resolved

    def ref(self, name, ref):
        pseudo = {"AWS::Region": self.region, "AWS::AccountId": ACCOUNT_ID, "AWS::Partition": "aws",
                  "AWS::StackName": "local", "AWS::URLSuffix": "amazonaws.com"}
        if ref in pseudo:
            return pseudo[ref]
        if ref in self.parameters:
            parameter = self.parameters[ref]
            if name in LOCAL_NAMES:
                self.local.append(f"{name}={LOCAL_NAMES[name]}")
                return LOCAL_NAMES[name]
            if "Default" in parameter:
                default = parameter["Default"]
                return ",".join(map(str, default)) if isinstance(default, list) else str(default)
            if ref in PARAMETER_PLACEHOLDERS:
                return PARAMETER_PLACEHOLDERS[ref]
            self.unresolved.append(f"{name} (parameter {ref} has no Default)")
            return None
        logical = ref.split(".", 1)[0]
        resource = self.resources.get(logical)
        if resource is None:
            self.unresolved.append(f"{name} (Ref {ref})")
            return None
        if resource.get("Type") == "AWS::Serverless::Function":
            return logical  # served under this name (see --serve)
        local = LOCAL_NAMES.get(name, f"local-{logical}")
        if resource.get("Type") == "AWS::SQS::Queue":  # Ref of a queue is its URL
            local = f"{endpoint_for('AWS::SQS::Queue', self.endpoints).rstrip('/')}/{ACCOUNT_ID}/{local}"
        self.local.append(f"{name}={local}")
        return local


def environment_variables(template, properties, region, endpoints):
    resolver = Resolver(template, region, endpoints)
    values = {}
    for name, value in properties["Environment"]["Variables"].items():
        resolved = resolver.value(name, value)
        if resolved is not None:
            values[name] = resolved
    return values, resolver


def called_functions(template, properties):
    """The template's functions this function's environment names (it invokes them through the Lambda API)."""
    functions = functions_of(template)
    called = []
    for name, value in properties["Environment"]["Variables"].items():
        if isinstance(value, dict) and list(value) == ["Ref"] and isinstance(value["Ref"], str):
            logical = value["Ref"].split(".", 1)[0]
            if logical in functions and logical not in called and name not in os.environ:
                called.append(logical)
    return called

