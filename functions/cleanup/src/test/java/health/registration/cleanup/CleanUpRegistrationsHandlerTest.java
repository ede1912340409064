package health.registration.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.MutableClock;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CleanUpRegistrationsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T21:00:00Z"));
    private final InMemoryClientStore clients = new InMemoryClientStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final SecureRandomIdSource ids = new SecureRandomIdSource();

    /** A registration that stopped after its secret was stored: a pending record and a secret nobody received. */
    private ClientId abandonedRegistration() {
        ClientId id = ids.newClientId();
        Instant now = clock.instant();
        clients.create(new ClientRecord(id, ClientStatus.PENDING, ClientMetadata.of(JSON.createObjectNode()),
                new Credentials(null, ids.newRegistrationAccessToken().hash(), now, 0),
                new UrlChecks(null, null, now.plus(Duration.ofMinutes(10))), now, now, 1));
        secrets.create(id, ids.newClientSecret());
        return id;
    }

    @Test
    void removesAbandonedRegistrationsWithTheirSecretsWhenRunByTheSchedule() throws IOException {
        abandonedRegistration();
        abandonedRegistration();
        clock.advance(Duration.ofMinutes(10));
        CleanUpRegistrationsHandler handler = new CleanUpRegistrationsHandler(new RegistrationCleanup(new ClientStores(clients, secrets), clock));
        RecordingLambdaContext lambda = new RecordingLambdaContext("cleanup");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(SampleEvents.folder().resolve("cleanup.json"))), out, lambda);

        JsonNode answer = JSON.readTree(out.toByteArray());
        assertThat(answer.path("abandoned_removed").asInt()).isEqualTo(2);
        assertThat(answer.path("deletions_finished").asInt()).isZero();
        assertThat(answer.path("versions_deleted").isInt()).as("no function named, no version pruned").isTrue();
        assertThat(answer.path("versions_deleted").asInt()).isZero();
        assertThat(clients.size()).isZero();
        assertThat(secrets.size()).isZero();
        assertThat(String.join("", lambda.loggedLines())).contains("abandonedRemoved=2");
    }
}
