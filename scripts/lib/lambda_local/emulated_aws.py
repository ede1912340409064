"""The AWS emulator a function calls: moto server on loopback when none is given, and the template's tables, queues,
event buses and generated secrets made in it."""
import pathlib
import secrets
import shutil
import subprocess
import time
import urllib.request

from lambda_local import InvokeError, note
from lambda_local.processes import die_with_parent, free_port, is_loopback_url, stop_group
from lambda_local.template import EMULATED, endpoint_for

# moto server one request at a time, as scripts/test runs it.
MOTO_ONE_AT_A_TIME = pathlib.Path(__file__).resolve().parent.parent / "moto_one_at_a_time.py"


class Moto:
    """moto server on a free loopback port, one request at a time (scripts/lib/moto_one_at_a_time.py)."""

    def __init__(self):
        self.process = None
        self.url = None

    def start(self):
        if shutil.which("moto_server") is None:
            raise InvokeError("AWS_ENDPOINT_URL is unset and moto server is not installed (pip install 'moto[server]'):"
                              " start an AWS emulator on loopback and export AWS_ENDPOINT_URL")
        port = free_port()
        self.process = subprocess.Popen(
            ["python3", str(MOTO_ONE_AT_A_TIME), "127.0.0.1", str(port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1).close()
                note(f"moto server on {self.url} for this invocation (AWS_ENDPOINT_URL unset)")
                return self.url
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise InvokeError("moto server did not start")

    def stop(self):
        stop_group(self.process)


def create_resources(template, emulated, endpoints, region):
    """Makes the tables, queues, event buses and generated secrets the function names in the emulator (only on a
    loopback endpoint), as the template declares them (tables: only what shapes their data)."""
    clients = {}

    def client(resource_type):
        service, _ = EMULATED[resource_type]
        endpoint = endpoint_for(resource_type, endpoints)
        if not is_loopback_url(endpoint):
            return None, endpoint
        if service not in clients:
            try:
                import boto3
            except ImportError:
                raise InvokeError("boto3 is needed to make the template's resources in the emulator (pip install boto3)")
            clients[service] = boto3.client(service, endpoint_url=endpoint, region_name=region,
                                            aws_access_key_id="testing", aws_secret_access_key="testing")
        return clients[service], endpoint

    for logical, resource_type, local in dict.fromkeys(emulated):
        aws, endpoint = client(resource_type)
        if aws is None:
            continue
        properties = template["Resources"][logical].get("Properties", {})
        if resource_type == "AWS::DynamoDB::Table":
            if local in aws.list_tables().get("TableNames", []):
                continue
            aws.create_table(**table_request(local, properties))
            ttl = properties.get("TimeToLiveSpecification")
            if ttl and ttl.get("Enabled") is True:
                aws.update_time_to_live(TableName=local, TimeToLiveSpecification={
                    "AttributeName": ttl["AttributeName"], "Enabled": True})
        elif resource_type == "AWS::SecretsManager::Secret":
            # As GenerateSecretString does in AWS: a random value nobody types; an existing secret keeps its value.
            if "GenerateSecretString" not in properties:
                continue
            try:
                aws.describe_secret(SecretId=local)
                continue
            except aws.exceptions.ResourceNotFoundException:
                aws.create_secret(Name=local, SecretString=secrets.token_urlsafe(48))
        elif resource_type == "AWS::SQS::Queue":
            name = local.rsplit("/", 1)[-1]
            if name in [url.rsplit("/", 1)[-1] for url in aws.list_queues().get("QueueUrls", [])]:
                continue
            aws.create_queue(QueueName=name)
        else:
            if local in [bus["Name"] for bus in aws.list_event_buses().get("EventBuses", [])]:
                continue
            aws.create_event_bus(Name=local)
        note(f"made {logical} ({resource_type}) as {local} in {endpoint}")


def table_request(name, properties):
    request = {"TableName": name, "AttributeDefinitions": properties["AttributeDefinitions"],
               "KeySchema": properties["KeySchema"], "BillingMode": properties.get("BillingMode", "PROVISIONED")}
    provisioned = request["BillingMode"] == "PROVISIONED"
    if provisioned:
        request["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if properties.get(kind):
            request[kind] = [{key: index[key] for key in ("IndexName", "KeySchema", "Projection")}
                             for index in properties[kind]]
            if kind == "GlobalSecondaryIndexes" and provisioned:
                for index in request[kind]:
                    index["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    return request


