package health.registration.reverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.DynamoDbClients;
import health.registration.adapters.aws.EventBridgeClients;
import health.registration.adapters.aws.SqsClients;
import health.registration.core.issue.LifecycleEvent;
import health.registration.edge.ReverificationConfiguration;
import health.registration.edge.Settings;
import health.registration.testkit.AwsEmulator;
import health.registration.testkit.TemplateTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What one test deploys in the moto server, as the template would in AWS: a copy of the clients table, an event bus
 * with a rule that sends the service's events to an SQS queue (where the test reads them, as an operator's rule
 * would route them to email), the fan-out queue, and a secret prefix; and the function's environment pointing at
 * them and at the {@link ReverifySites}. Every SDK client is checked to call the loopback moto server first, so the
 * test fails, never skips and never reaches AWS, when it is missing. Closing it removes everything.
 */
final class EmulatedDeployment implements AutoCloseable {

    static final String PUBLIC_BASE_URL = "https://registration.example.com";
    static final String MANUAL_REGISTRATION_URL = "https://manual-registration.example.com/apps";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "client-lifecycle-to-queue";

    private final DynamoDbClient dynamo = AwsEmulator.client(DynamoDbClients::shared);
    private final EventBridgeClient eventBridge = AwsEmulator.client(EventBridgeClients::shared);
    private final SqsClient sqs = AwsEmulator.client(SqsClients::shared);
    // The SDK's own client, to list and remove what the functions stored.
    private final SecretsManagerClient secrets = AwsEmulator.require(SecretsManagerClient.builder().endpointOverride(AwsEmulator.endpoint())
            .region(AwsEmulator.region()).httpClient(UrlConnectionHttpClient.create()).build());
    private final String name = "reverify-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final TemplateTable table;
    private final String busName = name;
    private final String eventsQueueUrl;
    private final String segmentsQueueUrl;
    private final String secretPrefix = "it/" + name + "/";
    private final Map<String, String> environment = new HashMap<>();

    EmulatedDeployment(ReverifySites sites) {
        table = TemplateTable.create(dynamo, name);
        eventBridge.createEventBus(r -> r.name(busName));
        eventsQueueUrl = sqs.createQueue(r -> r.queueName(name + "-events")).queueUrl();
        segmentsQueueUrl = sqs.createQueue(r -> r.queueName(name + "-segments")).queueUrl();
        String eventsQueueArn = sqs.getQueueAttributes(r -> r.queueUrl(eventsQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(RULE).eventBusName(busName)
                .eventPattern("{\"source\": [\"" + LifecycleEvent.SOURCE + "\"]}"));
        eventBridge.putTargets(r -> r.rule(RULE).eventBusName(busName)
                .targets(Target.builder().id("events-queue").arn(eventsQueueArn).build()));
        environment.putAll(Map.of(
                Settings.CLIENTS_TABLE, table.name(),
                Settings.SECRET_PREFIX, secretPrefix,
                Settings.PUBLIC_BASE_URL, PUBLIC_BASE_URL,
                Settings.MANUAL_REGISTRATION_URL, MANUAL_REGISTRATION_URL,
                Settings.PROBE_HOSTS_FILE, sites.hostsFile().toString(),
                Settings.PROBE_TRUSTED_CA_FILE, sites.trustedCaFile().toString(),
                Settings.PROBE_ALLOWED_CIDRS, sites.allowedCidrs(),
                Settings.PROBE_TEST_SEAMS, Settings.PROBE_TEST_SEAMS_ALLOWED,
                ReverificationConfiguration.EVENT_BUS_NAME, busName));
    }

    /** The function's settings: this deployment's resources, plus {@code extra} (e.g. the grace period). */
    Settings settings(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(extra);
        return new Settings(all);
    }

    Settings settings() {
        return settings(Map.of());
    }

    String tableName() {
        return table.name();
    }

    String segmentsQueueUrl() {
        return segmentsQueueUrl;
    }

    /**
     * Every status event the bus's rule delivered since the last call (ClientUrlCheckFailed, ClientSuspended,
     * ClientReinstated), as EventBridge envelopes, removed from the queue; the change events of the registrations and
     * updates a test makes (ClientRegistered, ClientUpdated) are dropped. moto delivers to a rule's SQS target within
     * PutEvents, so when a run has returned its events are all there.
     */
    List<JsonNode> takeEvents() {
        List<JsonNode> envelopes = new ArrayList<>();
        for (Message message : takeMessages(eventsQueueUrl)) {
            try {
                JsonNode envelope = JSON.readTree(message.body());
                if (List.of("ClientRegistered", "ClientUpdated").contains(envelope.path("detail-type").asText())) {
                    continue;
                }
                envelopes.add(envelope);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return envelopes;
    }

    /** Every message in a queue now, removed from it. */
    List<Message> takeMessages(String queueUrl) {
        List<Message> taken = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message message : batch) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                taken.add(message);
            }
        } while (!batch.isEmpty());
        return taken;
    }

    @Override
    public void close() {
        eventBridge.removeTargets(r -> r.rule(RULE).eventBusName(busName).ids("events-queue"));
        eventBridge.deleteRule(r -> r.name(RULE).eventBusName(busName));
        eventBridge.deleteEventBus(r -> r.name(busName));
        sqs.deleteQueue(r -> r.queueUrl(eventsQueueUrl));
        sqs.deleteQueue(r -> r.queueUrl(segmentsQueueUrl));
        secrets.listSecretsPaginator(r -> r.includePlannedDeletion(true)
                        .filters(f -> f.key(FilterNameStringType.NAME).values(secretPrefix)))
                .stream().flatMap(page -> page.secretList().stream())
                .forEach(s -> secrets.deleteSecret(r -> r.secretId(s.arn()).forceDeleteWithoutRecovery(true)));
        table.close();
    }
}
