package health.registration.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.aws.EventBridgeClients;
import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.aws.SqsClients;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.keycloak.KeycloakAdminSession;
import health.registration.adapters.keycloak.KeycloakAuthorizationServerClients;
import health.registration.adapters.keycloak.KeycloakConnection;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.core.connector.AuthorizationServerUnavailable;
import health.registration.core.connector.ChangeEventConnector;
import health.registration.core.connector.ClientReconcile;
import health.registration.core.connector.ConnectorOutcome;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stand-in for the Keycloak connector (docs/operations/authorization-server.md, "Keycloak"): when
 * {@code KEYCLOAK_BASE_URL} is set, the change events the functions publish to {@code EVENT_BUS_NAME} in the
 * emulator reach a queue through a rule, as in AWS, and a thread of this process applies each to the realm
 * {@code KEYCLOAK_REALM} through {@link ChangeEventConnector}; an event that fails stays on the queue and comes back
 * after its visibility timeout. At start it creates the bus, the rule, the queue and the realm when they are missing,
 * and reconciles the realm with the registry once, so a Keycloak started afresh (dev mode keeps nothing) catches up.
 */
final class LocalKeycloakDelivery implements AutoCloseable {

    /** The rule on the bus that sends every change event to this delivery's queue. */
    static final String RULE = "local-keycloak-connector";
    private static final int WAIT_SECONDS = 1;
    private static final int VISIBILITY_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final ChangeEventConnector connector;
    private final PrintStream log;
    private final Thread thread;
    private volatile boolean running = true;

    private LocalKeycloakDelivery(SqsClient sqs, String queueUrl, ChangeEventConnector connector, PrintStream log) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.connector = connector;
        this.log = log;
        this.thread = new Thread(this::deliver, "local-keycloak-connector");
        this.thread.setDaemon(true);
    }

    /**
     * Starts delivering when the environment names a Keycloak; empty otherwise.
     *
     * @throws IllegalArgumentException when the Keycloak settings are incomplete or {@code EVENT_BUS_NAME} is unset
     */
    static Optional<LocalKeycloakDelivery> start(Map<String, String> environment, PrintStream log) {
        Optional<KeycloakConnection> connection = KeycloakConnection.fromEnvironment(environment);
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        String bus = environment.get("EVENT_BUS_NAME");
        if (bus == null || bus.isBlank()) {
            throw new IllegalArgumentException("KEYCLOAK_BASE_URL needs EVENT_BUS_NAME (scripts/local-api sets it)");
        }
        KeycloakAdminSession session = new KeycloakAdminSession(connection.get());
        createRealmUnlessPresent(session, log);
        KeycloakAuthorizationServerClients realm = new KeycloakAuthorizationServerClients(session);
        DynamoClientStore registry = new DynamoClientStore(DynamoDbRequests.shared(), environment.get("CLIENTS_TABLE"));
        ChangeEventConnector connector = new ChangeEventConnector(registry, realm, new SecretsManagerSecretStore(
                SecretsManagerRequests.shared(), environment.get("SECRET_PREFIX"), Optional.empty()));

        SqsClient sqs = SqsClients.shared();
        String queueUrl = subscribe(EventBridgeClients.shared(), sqs, bus.strip(), log);
        try {
            List<ConnectorOutcome> repaired = new ClientReconcile(registry, realm, connector).run();
            log.println("local-api: keycloak: reconciled realm " + session.connection().realm() + ", "
                    + repaired.size() + " client(s) repaired");
        } catch (AuthorizationServerUnavailable | StoreUnavailable | SdkException e) {
            log.println("local-api: keycloak: reconcile failed, events still delivered: " + e.getMessage());
        }
        LocalKeycloakDelivery delivery = new LocalKeycloakDelivery(sqs, queueUrl, connector, log);
        delivery.thread.start();
        log.println("local-api: keycloak: change events on " + bus + " go to " + session.connection());
        return Optional.of(delivery);
    }

    /** The queue the bus's rule sends every change event to, created with the rule when missing. */
    private static String subscribe(EventBridgeClient eventBridge, SqsClient sqs, String bus, PrintStream log) {
        try {
            eventBridge.describeEventBus(r -> r.name(bus));
        } catch (ResourceNotFoundException missing) {
            eventBridge.createEventBus(r -> r.name(bus));
            log.println("local-api: created event bus " + bus + " in the emulator");
        }
        String queueUrl = sqs.createQueue(r -> r.queueName(bus + "-keycloak")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_SECONDS))))
                .queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(RULE).eventBusName(bus)
                .eventPattern("{\"source\": [\"" + LifecycleEvent.SOURCE + "\"]}"));
        eventBridge.putTargets(r -> r.rule(RULE).eventBusName(bus)
                .targets(Target.builder().id("keycloak-queue").arn(queueArn).build()));
        return queueUrl;
    }

    private static void createRealmUnlessPresent(KeycloakAdminSession session, PrintStream log) {
        String realm = session.connection().realm();
        KeycloakAdminSession.Answer found = session.call("GET", "/admin/realms/" + realm, null);
        if (found.status() == 404) {
            session.require("POST", "/admin/realms",
                    JsonNodeFactory.instance.objectNode().put("realm", realm).put("enabled", true));
            log.println("local-api: keycloak: created realm " + realm);
        } else if (!found.succeeded()) {
            throw KeycloakAdminSession.failure("GET", "/admin/realms/" + realm, found);
        }
    }

    private void deliver() {
        while (running) {
            try {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(WAIT_SECONDS)).messages()) {
                    if (apply(message)) {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            } catch (SdkException e) {
                if (!running) {
                    return;
                }
                log.println("local-api: keycloak: cannot read the event queue: " + e.getMessage());
                pause();
            }
        }
    }

    /** Applies one EventBridge envelope; true when it is done with (applied, stale, or never applicable). */
    private boolean apply(Message message) {
        LifecycleEvent event;
        try {
            JsonNode envelope = JSON.readTree(message.body());
            event = LifecycleEventJson.read(envelope.path("detail"),
                    envelope.path("detail-type").asText());
        } catch (JsonProcessingException | IllegalArgumentException malformed) {
            log.println("local-api: keycloak: dropped an event that is not a change event: " + malformed.getMessage());
            return true;
        }
        try {
            ConnectorOutcome outcome = connector.apply(event);
            log.println("local-api: keycloak: " + event.type().detailType() + " " + event.id() + ": " + outcome);
            return !(outcome instanceof ConnectorOutcome.SecretMissing);
        } catch (AuthorizationServerUnavailable | StoreUnavailable | SdkException e) {
            log.println("local-api: keycloak: " + event.id() + " not applied, retried later: " + e.getMessage());
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
