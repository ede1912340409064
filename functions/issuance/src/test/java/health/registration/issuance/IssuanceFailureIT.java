package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.DynamoDbClients;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.AwsEmulator;
import health.registration.testkit.SampleEvents;
import health.registration.testkit.TemplateTable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * docs/data-model.md, "Nothing half-made", against moto: a registration fails at each step of its writes (pending
 * record, secret, activation), with the real DynamoDB and Secrets Manager adapters behind failure-injecting decorators;
 * one cleanup pass later the emulator holds zero orphaned secrets and zero clients without a secret.
 */
class IssuanceFailureIT {

    private static final URI BASE = URI.create("https://registration.example.com");

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T21:00:00Z"));
    private final String prefix = "issuance-failure-it/" + UUID.randomUUID() + "/";
    private final IssuanceSettings settings = IssuanceSettings.of(BASE, Duration.ZERO);
    private DynamoDbClient dynamo;
    private SecretsManagerClient secretsClient;
    private TemplateTable table;
    private EmulatorContents contents;
    private FailingClientStore clients;
    private FailingSecretStore secrets;

    @BeforeEach
    void createTableAndStores() {
        dynamo = AwsEmulator.client(DynamoDbClients::shared);
        secretsClient = AwsEmulator.require(SecretsManagerClient.builder().endpointOverride(AwsEmulator.endpoint())
                .region(AwsEmulator.region()).httpClient(UrlConnectionHttpClient.create()).build());
        table = TemplateTable.create(dynamo, "issuance-failure-it");
        clients = new FailingClientStore(new DynamoClientStore(AwsClients.dynamoDb(), table.name()));
        secrets = new FailingSecretStore(new SecretsManagerSecretStore(AwsClients.secretsManager(), prefix, Optional.empty()));
        contents = new EmulatorContents(dynamo, table.name(), secretsClient, prefix);
    }

    @AfterEach
    void removeWhatWasCreated() {
        contents.deleteSecrets();
        table.close();
    }

    static Stream<Arguments> failuresAtEachStep() {
        return Stream.of(
                arguments("DynamoDB fails writing the pending record",
                        step(s -> s.clients.failOn(FailingClientStore.Operation.CREATE, 1)), 0),
                arguments("DynamoDB writes the pending record, then the call times out",
                        step(s -> s.clients.failAfterApplying(FailingClientStore.Operation.CREATE, 1)), 0),
                arguments("Secrets Manager fails after the record is written",
                        step(s -> s.secrets.failOn(FailingSecretStore.Operation.CREATE, 1)), 0),
                arguments("Secrets Manager stores the secret, then the call times out",
                        step(s -> s.secrets.failAfterApplying(FailingSecretStore.Operation.CREATE, 1)), 1),
                arguments("DynamoDB fails activating after the secret is created",
                        step(s -> s.clients.failOn(FailingClientStore.Operation.REPLACE, 1)), 1),
                arguments("DynamoDB activates, then the call times out",
                        step(s -> s.clients.failAfterApplying(FailingClientStore.Operation.REPLACE, 1)), 0));
    }

    private static Consumer<IssuanceFailureIT> step(Consumer<IssuanceFailureIT> fault) {
        return fault;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAtEachStep")
    void leavesNoOrphanedSecretAndNoClientWithoutSecretAfterOneCleanupPass(String step, Consumer<IssuanceFailureIT> fault,
                                                                            int orphansBeforeCleanup) {
        fault.accept(this);

        assertThatThrownBy(() -> registrar().register(validMetadata())).isInstanceOf(StoreUnavailable.class);
        assertThat(contents.activeClientsWithoutSecret()).as("usable clients without a secret, right after the failure").isEmpty();
        assertThat(contents.orphanedSecrets()).as("orphaned secrets before the cleanup").hasSize(orphansBeforeCleanup);

        clock.advance(settings.pendingTimeout());
        new RegistrationCleanup(new ClientStores(clients, secrets), clock).run();

        assertThat(contents.orphanedSecrets()).as("secrets whose client is not active").isEmpty();
        assertThat(contents.activeClientsWithoutSecret()).as("active clients without a secret").isEmpty();
        assertThat(contents.clientsWithStatus(ClientStatus.PENDING)).as("pending records").isEmpty();
        assertThat(contents.clientsWithStatus(ClientStatus.ABANDONED)).as("abandoned records").isEmpty();
    }

    private ClientRegistrar registrar() {
        RegistrationReview review = new RegistrationReview(Policies.openDynamicRegistration(),
                new PolicyContext(URI.create("https://manual.example.org/register")), new InMemoryUrlProber());
        return new ClientRegistrar(review, new ClientStores(clients, secrets), new SecureRandomIdSource(), clock, settings);
    }

    private static ClientMetadata validMetadata() {
        String body = SampleEvents.read(SampleEvents.folder().resolve("register.json")).path("body").asText();
        try {
            return ClientMetadata.of((com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
