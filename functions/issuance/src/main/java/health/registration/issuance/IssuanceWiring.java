package health.registration.issuance;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.EventBridgeClientEvents;
import health.registration.adapters.aws.EventBridgeOperatorAudit;
import health.registration.adapters.aws.ServiceClients;
import health.registration.adapters.dynamodb.DynamoCertificateStore;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.dynamodb.DynamoDomainClientCount;
import health.registration.adapters.dynamodb.DynamoIdempotencyStore;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.certificate.IssuingAuthorityCrlSource;
import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.ClientsPerDomain;
import health.registration.core.issue.IdempotencyPepper;
import health.registration.core.issue.IdempotencyPorts;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SealedAnswer;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.udap.CrlSource;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.RequestLimits;
import health.registration.edge.ReverificationConfiguration;
import health.registration.edge.Settings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the issuing functions (register, manage, operator, cleanup, reverify, certificates) share: their settings,
 * the SDK clients of {@link AwsClients} (or offline ones, for priming), the client and secret stores, lifecycle
 * events, the configured secrets, open registration (which every priming runs first) and the {@link Probing} they
 * reach the web through. Each function's own pieces are wired in its module (RegisterWiring, OperatorWiring,
 * CertificatesWiring, ReverifyWiring); each piece is built only when asked for, so the cleanup builds no prober.
 */
public final class IssuanceWiring {

    // The table keeps instants to the millisecond; a millisecond clock makes a record read back equal the one written.
    public static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);

    private final Settings settings;
    private final ServiceClients aws;
    private final Probing probing;

    private IssuanceWiring(Settings settings, ServiceClients aws, Probing probing) {
        this.settings = settings;
        this.aws = aws;
        this.probing = probing;
    }

    /** Lambda's wiring: settings from the environment, the shared SDK clients, probes through the probe function. */
    public static IssuanceWiring fromEnvironment() {
        return from(Settings.fromEnvironment());
    }

    /** As {@link #fromEnvironment()}, probing through {@code probing}: the local runner's in-process engine. */
    public static IssuanceWiring fromEnvironment(Probing probing) {
        return from(Settings.fromEnvironment(), AwsClients.shared(), probing);
    }

    /** Wiring from given settings over the shared SDK clients, probing through the probe function. */
    public static IssuanceWiring from(Settings settings) {
        return from(settings, AwsClients.shared());
    }

    /** Wiring over given SDK clients ({@link AwsClients#offline} ones for priming), probing through the probe function. */
    public static IssuanceWiring from(Settings settings, ServiceClients aws) {
        return from(settings, aws, new ProbeFunction(aws, settings.probeFunctionName(), CLOCK));
    }

    /** Wiring over given SDK clients and probing: tests and the local runner, with the same code paths as Lambda. */
    public static IssuanceWiring from(Settings settings, ServiceClients aws, Probing probing) {
        return new IssuanceWiring(settings, aws, probing);
    }

    public Settings settings() {
        return settings;
    }

    public ServiceClients aws() {
        return aws;
    }

    public Probing probing() {
        return probing;
    }

    /** Open dynamic registration (RFC 7591 §3), at most once per {@code Idempotency-Key}. */
    public IdempotentRegistration registration() {
        IssuanceSettings issuance = issuanceSettings();
        ClientRegistrar registrar = new ClientRegistrar(review(), stores(), new SecureRandomIdSource(), CLOCK, issuance)
                .withDomainLimit(domainLimit());
        IdempotencyPorts idempotency = new IdempotencyPorts(
                new DynamoIdempotencyStore(aws.dynamoDb(), settings.clientsTable(), CLOCK), new SealedAnswer(pepper()));
        return new IdempotentRegistration(registrar, idempotency, CLOCK, issuance, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * The Idempotency-Key pepper: the secret {@code IDEMPOTENCY_PEPPER_SECRET}, read at the first request with a key
     * and re-read on the secrets' schedule. Unset, a request with a key answers 503 (one without works).
     */
    private Supplier<IdempotencyPepper> pepper() {
        ConfiguredSecrets secrets = secrets();
        return settings.value(Settings.IDEMPOTENCY_PEPPER_SECRET)
                .<Supplier<IdempotencyPepper>>map(name -> secrets.refreshing(
                        secrets.secret(Settings.IDEMPOTENCY_PEPPER_SECRET, name), IdempotencyPepper::parse))
                .orElse(() -> {
                    throw new StoreUnavailable(Settings.IDEMPOTENCY_PEPPER_SECRET + " is not set", null);
                });
    }

    /** At most {@code CLIENTS_PER_DOMAIN} clients per registrable domain on the open and UDAP paths. */
    public ClientsPerDomain domainLimit() {
        return new ClientsPerDomain(new DynamoDomainClientCount(aws.dynamoDb(), settings.clientsTable()),
                RequestLimits.clientsPerDomain(settings), settings.manualRegistrationUrl());
    }

    /** Registered clients as RFC 7592 reads, updates and deletes them. */
    public RegisteredClients registeredClients() {
        return new RegisteredClients(review(), stores(), new SecureRandomIdSource(), CLOCK, issuanceSettings());
    }

    public RegistrationCleanup cleanup() {
        return new RegistrationCleanup(stores(), CLOCK);
    }

    /**
     * CRLs through {@link Probing#crls()}; the developer-certificate authority's own CRL straight from its table, so a
     * revocation holds from the next registration on. Used by UDAP registration and re-verification.
     */
    public CrlSource crlSource() {
        CrlSource fetched = probing.crls();
        return CertificateConfiguration.authority(settings)
                .<CrlSource>map(ca -> new IssuingAuthorityCrlSource(CertificateConfiguration.crlUrl(settings, ca.name()),
                        ca.name(), new DynamoCertificateStore(aws.dynamoDb(), ca.table()), fetched))
                .orElse(fetched);
    }

    /**
     * The operator audit trail on EventBridge (operator actions, certificates issued and revoked), or empty when
     * {@code EVENT_BUS_NAME} is unset.
     */
    public Optional<OperatorAudit> auditBus() {
        return ReverificationConfiguration.eventBusName(settings)
                .map(bus -> new EventBridgeOperatorAudit(aws.eventBridge(), bus));
    }

    /** The configured secrets, read from Secrets Manager (or files) on first use, never here. */
    public ConfiguredSecrets secrets() {
        return new ConfiguredSecrets(settings, name -> SecretsManagerText.read(aws.secretsManager(), name), CLOCK);
    }

    public ClientStores stores() {
        return new ClientStores(new DynamoClientStore(aws.dynamoDb(), settings.clientsTable()),
                new SecretsManagerSecretStore(aws.secretsManager(), settings.secretPrefix(), settings.secretsKmsKeyId()),
                events());
    }

    /** Lifecycle events to EventBridge, or null when {@code EVENT_BUS_NAME} is unset (events stay on the records). */
    public ClientEvents events() {
        return ReverificationConfiguration.eventBusName(settings)
                .map(bus -> (ClientEvents) new EventBridgeClientEvents(aws.eventBridge(), bus)).orElse(null);
    }

    private RegistrationReview review() {
        PolicyContext context = settings.policyContext();
        return new RegistrationReview(Policies.openDynamicRegistration(), context, probing.prober(context));
    }

    /** The production issuance settings, with the first re-verification one re-verification interval away. */
    public IssuanceSettings issuanceSettings() {
        IssuanceSettings defaults = IssuanceSettings.of(settings.publicBaseUrl(), settings.clientSecretLifetime());
        return new IssuanceSettings(defaults.publicBaseUrl(), defaults.secretLifetime(), defaults.pendingTimeout(),
                ReverificationConfiguration.settings(settings).interval(), defaults.idempotencyWindow(),
                defaults.idempotencyLock(), defaults.idempotencyWait());
    }
}
