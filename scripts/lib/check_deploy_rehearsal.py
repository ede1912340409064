"""A deploy rehearsal without AWS: translates infrastructure/template.yaml with aws-sam-translator (what `sam deploy`
hands CloudFormation) with the parameters of samconfig.toml's deploy section, runs cfn-lint on the plain
CloudFormation it yields, and checks on that result the rules that a first deploy in a fresh account, or a second
stack beside the first, depends on:
  - samconfig.toml: `sam deploy` without --guided has a stack name, a bucket, the IAM capability and a value for
    every parameter without a default;
  - Rules: samconfig's parameters pass the template's Rules, and each parameter combination that cannot work (UDAP
    secrets without each other or without a token endpoint, a Keycloak without its administrator's secret) is
    refused by the rule meant for it;
  - schedules: no EventBridge Scheduler schedule has a fixed Name (names are unique per schedule group, so a second
    stack in the same account and region would fail);
  - throttles: every MethodSettings ResourcePath but "/*" writes the path's own "/"s as "~1" after a leading "/",
    as the API Gateway reference requires ("/~1register"); a plain "/register" is refused or never applied;
  - versions: every function's old versions are pruned (the cleanup function names every other function in
    VERSION_PRUNED_FUNCTIONS), so that deploys do not fill the region's code storage;
  - reservations: every ReservedConcurrentExecutions stands behind the ReserveConcurrency parameter (Lambda keeps
    100 executions of the account's quota unreserved, and new accounts often have a small quota);
  - keys: a KMS key policy names only the account (a role of the stack there can be refused while KMS cannot see it
    yet, and breaks when an update replaces the role), and every KMS grant of a role holds through Secrets Manager
    only (kms:ViaService);
  - methods: every resource of the API with a method also has an ANY method (so that another method answers 405
    with Allow rather than API Gateway's 403), AWS_IAM-authorised under /operator/ as the declared ones are, and an
    unknown route answers 404 (docs/api/registration.md, "HTTP behaviour").
Then it checks itself: each rule must flag a template that breaks it (a check that cannot fail proves nothing).

Runs with the SAM CLI's Python (.tools/sam/bin/python), which has aws-sam-translator and cfn-lint.
Usage: .tools/sam/bin/python scripts/lib/check_deploy_rehearsal.py [TEMPLATE]   (exits 1 naming each problem)
"""
import copy
import json
import logging
import os
import pathlib
import subprocess
import sys
import tempfile

LIB = pathlib.Path(__file__).resolve().parent
ROOT = LIB.parent.parent
sys.path.insert(0, str(LIB))

from lambda_local.template import functions_of, read_template  # noqa: E402

SAMCONFIG = ROOT / "samconfig.toml"


def deploy_settings():
    """samconfig.toml's [default.deploy.parameters]: what `sam deploy` without --guided uses."""
    import tomllib
    return tomllib.loads(SAMCONFIG.read_text()).get("default", {}).get("deploy", {}).get("parameters", {})


def parameter_overrides(settings):
    return dict(pair.split("=", 1) for pair in settings.get("parameter_overrides", "").split())


class NoManagedPolicies:
    """The template names no AWS managed policy by name, so the translator never needs IAM to look one up."""

    def load(self):
        return {}


def translate(template, parameters):
    """The CloudFormation `sam deploy` would create, with each function's code where `sam package` would put it."""
    from samtranslator.translator.transform import transform
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its feature-toggle and metrics chatter
    packaged = copy.deepcopy(template)
    for name, function in functions_of(packaged).items():
        function["Properties"]["CodeUri"] = f"s3://deploy-bucket/{name}.zip"
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    return transform(packaged, dict(parameters), NoManagedPolicies())


def resources_of(translated, kind):
    return {name: r for name, r in translated.get("Resources", {}).items() if r.get("Type") == kind}


def named_schedules(translated):
    return [f"{name}: schedule named {r['Properties']['Name']!r}; set OmitName: true on its ScheduleV2 event"
            for name, r in resources_of(translated, "AWS::Scheduler::Schedule").items()
            if "Name" in r.get("Properties", {})]


def unencoded_throttle_paths(translated):
    found = []
    for name, stage in resources_of(translated, "AWS::ApiGateway::Stage").items():
        for setting in stage.get("Properties", {}).get("MethodSettings", []):
            path = setting.get("ResourcePath", "")
            if path != "/*" and not (path.startswith("/~1") and "/" not in path[1:]):
                found.append(f"{name}: MethodSettings ResourcePath {path!r} must write each '/' of the path as "
                             f"'~1' after a leading '/' ({'/' + path.replace('/', '~1')!r})")
    return found


def refs_in(value):
    if isinstance(value, dict):
        return ({value["Ref"]} if isinstance(value.get("Ref"), str) else set()).union(*map(refs_in, value.values()))
    if isinstance(value, list):
        return set().union(*map(refs_in, value))
    return set()


def unpruned_functions(translated):
    """Every function but the pruning one itself is named in VERSION_PRUNED_FUNCTIONS (it adds itself)."""
    functions = resources_of(translated, "AWS::Lambda::Function")
    pruning = {name: refs_in(variables["VERSION_PRUNED_FUNCTIONS"]) for name, function in functions.items()
               for variables in [function["Properties"].get("Environment", {}).get("Variables", {})]
               if "VERSION_PRUNED_FUNCTIONS" in variables}
    if len(pruning) != 1:
        return [f"{len(pruning)} functions set VERSION_PRUNED_FUNCTIONS; exactly one prunes versions"]
    (pruner, named), = pruning.items()
    return [f"{name}: its old versions are never deleted; name it in {pruner}'s VERSION_PRUNED_FUNCTIONS"
            for name in sorted(set(functions) - named - {pruner})]


def unconditional_reservations(translated):
    """Every reserved concurrency is behind the ReserveConcurrency switch: !If [ReservesConcurrency, n, NoValue]."""
    found = []
    for name, function in resources_of(translated, "AWS::Lambda::Function").items():
        reserved = function["Properties"].get("ReservedConcurrentExecutions")
        if reserved is None:
            continue
        branches = reserved.get("Fn::If") if isinstance(reserved, dict) else None
        if not (branches and branches[0] == "ReservesConcurrency" and branches[2] == {"Ref": "AWS::NoValue"}):
            found.append(f"{name}: ReservedConcurrentExecutions {json.dumps(reserved)} is not "
                         "!If [ReservesConcurrency, <n>, !Ref AWS::NoValue]: an account with a small concurrency "
                         "quota could not deploy the stack")
    if not translated.get("Conditions", {}).get("ReservesConcurrency") == {"Fn::Equals": [{"Ref": "ReserveConcurrency"},
                                                                                        "true"]}:
        found.append("the condition ReservesConcurrency is not !Equals [!Ref ReserveConcurrency, \"true\"]")
    return found


def key_policy_principals(translated):
    """A KMS key policy names no principal but the account (it delegates to IAM), and every KMS grant in a role's own
    policy holds only through Secrets Manager (kms:ViaService)."""
    found = []
    root = {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
    for name, key in resources_of(translated, "AWS::KMS::Key").items():
        for statement in key["Properties"]["KeyPolicy"]["Statement"]:
            principal = statement.get("Principal", {}).get("AWS")
            if principal != root:
                found.append(f"{name}: key policy statement {statement.get('Sid')!r} names {json.dumps(principal)}; "
                             "delegate to the account and grant each role in its own policy")
    for name, role in resources_of(translated, "AWS::IAM::Role").items():
        for policy in role["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                branches = statement["Fn::If"][1:2] if "Fn::If" in statement else [statement]
                for branch in branches:
                    actions = branch.get("Action", [])
                    actions = [actions] if isinstance(actions, str) else actions
                    if any(a.startswith("kms:") for a in actions) and "kms:ViaService" not in json.dumps(
                            branch.get("Condition", {})):
                        found.append(f"{name}: {actions} without a kms:ViaService condition")
    return found


def unwrapped(value):
    """The value a conditional route stands for: SAM wraps a conditional function's paths in Fn::If."""
    while isinstance(value, dict) and "Fn::If" in value:
        value = value["Fn::If"][1]
    return value


def routes_without_other_methods(translated):
    found = []
    for name, api in resources_of(translated, "AWS::ApiGateway::RestApi").items():
        body = api.get("Properties", {}).get("Body", {})
        for path, methods in body.get("paths", {}).items():
            methods = {method: unwrapped(value) for method, value in (unwrapped(methods) or {}).items()}
            any_method = methods.get("x-amazon-apigateway-any-method")
            if methods and not isinstance(any_method, dict):
                found.append(f"{name}: {path} has no ANY method; another method would get API Gateway's 403 "
                             "instead of 405 with Allow (add a Method: any event on the same function)")
            elif path.startswith("/operator/") and {"AWS_IAM": []} not in (any_method.get("security") or []):
                found.append(f"{name}: the ANY method of {path} is not AWS_IAM-authorised")
        missing = body.get("x-amazon-apigateway-gateway-responses", {}).get("MISSING_AUTHENTICATION_TOKEN", {})
        if missing.get("statusCode") != "404":
            found.append(f"{name}: the MISSING_AUTHENTICATION_TOKEN gateway response (an unknown route) is not a 404")
    return found


RULES = [named_schedules, unencoded_throttle_paths, unpruned_functions, unconditional_reservations,
         key_policy_principals, routes_without_other_methods]


def unready_deploy_settings(template, settings):
    """`sam deploy` after `sam build`, without --guided, needs a stack, a bucket, the IAM capability and a value for
    every parameter without a default."""
    found = [f"samconfig.toml [default.deploy.parameters] has no {key}"
             for key in ("stack_name", "resolve_s3", "capabilities", "confirm_changeset") if key not in settings]
    given = parameter_overrides(settings)
    found += [f"samconfig.toml parameter_overrides gives no value for {name}, which has no Default"
              for name, parameter in template.get("Parameters", {}).items()
              if "Default" not in parameter and name not in given]
    return found


def evaluate(expression, parameters):
    """A Rules expression of the template (Ref of a parameter, Fn::Equals, Not, And, Or) under the given values."""
    if isinstance(expression, dict):
        (function, argument), = expression.items()
        if function == "Ref":
            return parameters[argument]
        values = [evaluate(a, parameters) for a in argument]
        return {"Fn::Equals": lambda: values[0] == values[1], "Fn::Not": lambda: not values[0],
                "Fn::And": lambda: all(values), "Fn::Or": lambda: any(values)}[function]()
    return expression


def refusing_rules(template, given):
    """The names of the template's Rules whose assertions fail for these parameter values (the rest at defaults)."""
    values = {name: str(p.get("Default", "")) for name, p in template.get("Parameters", {}).items()}
    values.update(given)
    return [name for name, rule in template.get("Rules", {}).items()
            if evaluate(rule.get("RuleCondition", True), values)
            and not all(evaluate(a["Assert"], values) for a in rule["Assertions"])]


# Parameter combinations and the Rules that must refuse them (none: the combination deploys).
RULE_CASES = [
    ({}, []),
    ({"UdapServerCredentialsSecret": "udap/credentials"}, ["UdapSecretsComeTogether", "UdapNeedsATokenEndpoint"]),
    ({"UdapTrustAnchorsSecret": "udap/anchors"}, ["UdapSecretsComeTogether"]),
    ({"UdapServerCredentialsSecret": "udap/credentials", "UdapTrustAnchorsSecret": "udap/anchors"},
     ["UdapNeedsATokenEndpoint"]),
    ({"UdapServerCredentialsSecret": "udap/credentials", "UdapTrustAnchorsSecret": "udap/anchors",
      "UdapTokenEndpoint": "https://auth.example.com/token"}, []),
    # The Keycloak connector (condition HasKeycloak): off by default, and on only with its administrator's secret.
    ({"KeycloakBaseUrl": "https://auth.example.org"}, ["KeycloakNeedsItsAdministrator"]),
    ({"KeycloakBaseUrl": "https://auth.example.org", "KeycloakAdminCredentialsSecret": "keycloak/admin"}, []),
    ({"KeycloakAdminCredentialsSecret": "keycloak/admin"}, []),
]


def unready_rules(template, settings):
    """samconfig's parameters pass the Rules, and each combination that cannot work is refused by its rule."""
    found = [f"samconfig.toml's parameters are refused by the rule {name}"
             for name in refusing_rules(template, parameter_overrides(settings))]
    for given, expected in RULE_CASES:
        refused = refusing_rules(template, {**parameter_overrides(settings), **given})
        if sorted(refused) != sorted(expected):
            found.append(f"Rules for {given}: refused by {refused}, expected {expected}")
    return found


def lint(translated):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(translated, out)
    try:
        run = subprocess.run([str(pathlib.Path(sys.executable).parent / "cfn-lint"), out.name],
                             capture_output=True, text=True)
        return [] if run.returncode == 0 else [f"cfn-lint on the translated template: {line}"
                                               for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    finally:
        os.unlink(out.name)


def self_check(template, parameters):
    """Each rule flags a template that breaks it."""
    broken = copy.deepcopy(template)
    for function in functions_of(broken).values():
        for event in (function["Properties"].get("Events") or {}).values():
            if event.get("Type") == "ScheduleV2":
                event["Properties"].pop("OmitName", None)
    for resource in broken["Resources"].values():
        for setting in (resource.get("Properties") or {}).get("MethodSettings", []) or []:
            if setting["ResourcePath"] != "/*":
                setting["ResourcePath"] = setting["ResourcePath"][1:].replace("~1", "/")
    for resource in broken["Resources"].values():
        if resource.get("Type") == "AWS::KMS::Key":
            resource["Properties"]["KeyPolicy"]["Statement"].append(
                {"Sid": "ARole", "Effect": "Allow", "Principal": {"AWS": {"Fn::GetAtt": ["RegisterFunctionRole", "Arn"]}},
                 "Action": "kms:Decrypt", "Resource": "*"})
    for function in functions_of(broken).values():
        reserved = function["Properties"].get("ReservedConcurrentExecutions")
        if isinstance(reserved, dict) and "Fn::If" in reserved:
            function["Properties"]["ReservedConcurrentExecutions"] = reserved["Fn::If"][1]
        variables = (function["Properties"].get("Environment") or {}).get("Variables") or {}
        if "VERSION_PRUNED_FUNCTIONS" in variables:
            variables["VERSION_PRUNED_FUNCTIONS"]["Fn::Join"][1].pop(0)
        events = function["Properties"].get("Events") or {}
        for event in [name for name, event in events.items() if (event.get("Properties") or {}).get("Method") == "any"]:
            events.pop(event)
    translated = translate(broken, parameters)
    return [f"self-check: {rule.__name__} flags nothing in a template that breaks it"
            for rule in RULES if not rule(translated)]


def main():
    path = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "infrastructure" / "template.yaml").resolve()
    template = read_template(path)
    settings = deploy_settings()
    found = unready_deploy_settings(template, settings) + unready_rules(template, settings)
    translated = translate(template, parameter_overrides(settings))
    found += lint(translated)
    for rule in RULES:
        found += rule(translated)
    found += self_check(template, parameter_overrides(settings))
    for problem in found:
        print(f"check-deploy-rehearsal: {problem}", file=sys.stderr)
    if not found:
        print(f"deploy rehearsal: {len(translated['Resources'])} CloudFormation resources, cfn-lint clean, "
              f"{len(RULES)} rules hold (each flags a template that breaks it)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
