package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryIdempotencyStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.port.SequentialIdSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Issuance wired to in-memory ports: stores behind failure-injecting decorators, sequential ids, a clock that
 * moves only when told, a prober that never touches the network. Also states the two invariants of docs/data-model.md,
 * "Nothing half-made".
 */
final class IssuanceBench {

    static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    static final URI PUBLIC_BASE_URL = URI.create("https://register.example.org");
    private static final ObjectMapper JSON = new ObjectMapper();

    final IssuanceSettings settings;
    final MutableClock clock = MutableClock.at(START);
    final InMemoryClientStore clientStore = new InMemoryClientStore();
    final InMemorySecretStore secretStore = new InMemorySecretStore();
    final FailingClientStore clients = new FailingClientStore(clientStore);
    final FailingSecretStore secrets = new FailingSecretStore(secretStore);
    final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(clock);
    final SequentialIdSource ids = new SequentialIdSource();
    final InMemoryUrlProber prober = new InMemoryUrlProber();
    /** The event bus of {@link #publishingStores()}. */
    final InMemoryClientEvents events = new InMemoryClientEvents();

    IssuanceBench() {
        this(IssuanceSettings.of(PUBLIC_BASE_URL, Duration.ZERO));
    }

    IssuanceBench(IssuanceSettings settings) {
        this.settings = settings;
    }

    ClientStores stores() {
        return new ClientStores(clients, secrets);
    }

    /** The stores of a function that publishes its events to {@link #events}. */
    ClientStores publishingStores() {
        return new ClientStores(clients, secrets, events);
    }

    RegistrationReview review() {
        return new RegistrationReview(Policies.openDynamicRegistration(), ValidMetadata.CONTEXT, prober);
    }

    ClientRegistrar registrar() {
        return registrar(ids);
    }

    ClientRegistrar registrar(IdSource source) {
        return new ClientRegistrar(review(), stores(), source, clock, settings);
    }

    RegisteredClients registeredClients() {
        return new RegisteredClients(review(), stores(), ids, clock, settings);
    }

    RegistrationCleanup cleanup() {
        return new RegistrationCleanup(stores(), clock);
    }

    IdempotentRegistration idempotent(IdempotentRegistration.Pause pause) {
        return new IdempotentRegistration(registrar(), TestPepper.ports(idempotency), clock, settings, pause);
    }

    /** Registers the metadata, which must be accepted, and returns the answer. */
    JsonNode register(ClientMetadata metadata) {
        RegistrationOutcome outcome = registrar().register(metadata);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
        return json(((RegistrationOutcome.Registered) outcome).answer());
    }

    /** Registers the valid fixture and returns the answer. */
    JsonNode registerValidClient() {
        return register(ValidMetadata.metadata());
    }

    /** Moves the clock to the moment the cleanup may remove what a registration started now left behind. */
    void passPendingTimeout() {
        clock.advance(settings.pendingTimeout());
    }

    /** Secrets not scheduled for deletion whose client is not active: nobody may use them, yet they exist. */
    List<ClientId> orphanedSecrets() {
        return secretStore.secrets().keySet().stream()
                .filter(id -> clientStore.find(id).filter(r -> r.status() == ClientStatus.ACTIVE).isEmpty())
                .toList();
    }

    /** Visible clients whose secret is missing, scheduled, or not the one their record names. */
    List<ClientId> clientsWithoutSecret() {
        return clientStore.all().stream()
                .filter(r -> r.status().visible())
                .filter(r -> secretStore.read(r.clientId()).isEmpty()
                        || !Objects.equals(secretStore.arnOf(r.clientId()).orElse(null), r.credentials().secretArn()))
                .map(ClientRecord::clientId)
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the answer is not JSON: " + text, e);
        }
    }

    static ClientMetadata metadata(String jsonObject) {
        return ValidMetadata.parseObject(jsonObject);
    }
}
