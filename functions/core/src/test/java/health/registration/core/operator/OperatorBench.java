package health.registration.core.operator;

import health.registration.core.udap.InMemoryCrlSource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryOperatorAudit;
import health.registration.core.port.InMemoryReverificationQueue;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationPolicy;
import health.registration.core.reverify.ReverificationPorts;
import health.registration.core.reverify.ReverificationSettings;
import health.registration.core.reverify.RunSummary;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's services wired as the operator function wires them, to in-memory ports: the manual path's review
 * (its policy, URLs planned by its URL rules), stores that publish lifecycle events, an audit trail that records, and
 * beside them the open path's registrar and RFC 7592 endpoint and a re-verification run, for clients of other paths
 * and for what happens to an operator's client afterwards.
 */
final class OperatorBench implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    static final URI PUBLIC_BASE_URL = URI.create("https://register.example.org");
    static final String CALLER = "arn:aws:iam::123456789012:user/alice";
    private static final ObjectMapper JSON = new ObjectMapper();

    final IssuanceSettings settings = IssuanceSettings.of(PUBLIC_BASE_URL, Duration.ZERO);
    final MutableClock clock = MutableClock.at(START);
    final InMemoryClientStore store = new InMemoryClientStore();
    final FailingClientStore clients = new FailingClientStore(store);
    final InMemorySecretStore secrets = new InMemorySecretStore();
    final InMemoryClientEvents events = new InMemoryClientEvents();
    final InMemoryOperatorAudit audit = new InMemoryOperatorAudit();
    final SequentialIdSource ids = new SequentialIdSource();
    final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final ExecutorService executor = Executors.newFixedThreadPool(ReverificationSettings.defaults().probeLanes());

    final ClientStores stores = new ClientStores(clients, secrets, events);
    final OperatorPorts ports = new OperatorPorts(stores, audit);
    final RegistrationReview manualReview = new RegistrationReview(Policies.manualRegistration(), ValidMetadata.CONTEXT,
            new PlannedUrlProber(prober, probeSettings().withUrlRules(Policies.manualUrlRules())));
    final RegistrationReview openReview = new RegistrationReview(Policies.openDynamicRegistration(), ValidMetadata.CONTEXT, prober);
    final OperatorClients operator = new OperatorClients(new ClientRegistrar(manualReview, stores, ids, clock, settings),
            manualReview, ports, settings, clock);
    final OperatorSuspensions suspensions = new OperatorSuspensions(operator, ports, settings, clock);
    final ClientListing listing = new ClientListing(clients, settings);

    static ProbeSettings probeSettings() {
        return new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT);
    }

    /** Registers through the operator API, which must accept it; the answer as JSON. */
    JsonNode register(ClientMetadata metadata) {
        OperatorOutcome outcome = operator.register(metadata, CALLER);
        assertThat(outcome).isInstanceOf(OperatorOutcome.Created.class);
        return json(((OperatorOutcome.Created) outcome).answer());
    }

    ClientId registerManually(ClientMetadata metadata) {
        return new ClientId(register(metadata).path("client_id").asText());
    }

    /** Registers through {@code POST /register} (the open path); the answer as JSON. */
    JsonNode registerOpenly(ClientMetadata metadata) {
        RegistrationOutcome outcome = new ClientRegistrar(openReview, stores, ids, clock, settings).register(metadata);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
        return json(((RegistrationOutcome.Registered) outcome).answer());
    }

    /** A UDAP client bound to a certificate, stored as the UDAP registrar stores one. */
    ClientId addUdapClient() {
        ClientId id = ids.newClientId();
        Instant now = clock.instant();
        store.create(new ClientRecord(id, ClientStatus.ACTIVE, ValidMetadata.metadata().withDefaults(),
                Credentials.ofCertificate(new CertificateBinding("https://app.example.com/udap", "https://community.example.org",
                        "MIIB", "thumbprint-0000000000000000000000000000000"), now),
                new UrlChecks(now, null, now.plus(Duration.ofDays(1))), now, now, 1));
        return id;
    }

    /** The RFC 7592 endpoint as the manage function wires it (the open path's review). */
    RegisteredClients registeredClients() {
        return new RegisteredClients(openReview, stores, ids, clock, settings);
    }

    /** Moves a client to a status, as failed re-verification would, with its last check failing on the URL. */
    ClientRecord fail(ClientId id, ClientStatus status, String member, String url) {
        ClientRecord client = stored(id);
        Instant now = clock.instant();
        UrlChecks checks = new UrlChecks(now, client.checks().lastReport(), client.checks().nextCheckAt(), 1, now,
                List.of(new CheckProblem(member, url, "not_found", FailureKind.HARD, member.substring(1) + " failed (not_found)")),
                null, client.checks().history(), List.of())
                .withChange(new StatusChange(now, client.status(), status, status == ClientStatus.SUSPENDED
                        ? StatusChange.FAILURES_PERSISTED : StatusChange.URL_CHECK_FAILED));
        ClientRecord failed = client.next(status, client.metadata(), client.credentials(), checks, now);
        store.replace(failed);
        return failed;
    }

    /** A re-verification run at the current time, over the same stores and prober. */
    RunSummary reverify() {
        Reverification reverification = new Reverification(
                new ReverificationPorts(clients, prober, events, new InMemoryReverificationQueue(),
                        new InMemoryCrlSource()),
                new ReverificationPolicy(ValidMetadata.CONTEXT, probeSettings(), ReverificationSettings.defaults()), executor, clock);
        Instant now = clock.instant();
        return reverification.run("run-" + now, now, now.plus(Duration.ofMinutes(10)));
    }

    ClientRecord stored(ClientId id) {
        return store.find(id).orElseThrow();
    }

    /** The operator's view from an outcome that shows one. */
    static JsonNode shown(OperatorOutcome outcome) {
        assertThat(outcome).isInstanceOf(OperatorOutcome.Shown.class);
        return json(((OperatorOutcome.Shown) outcome).answer());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The metadata of an operator update: the fixture with a member set to a JSON value. */
    static ClientMetadata update(ObjectNode fixture, String member, String jsonValue) {
        return ClientMetadata.of(ValidMetadata.set(fixture, member, jsonValue));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
