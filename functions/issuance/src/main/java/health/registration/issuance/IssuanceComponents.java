package health.registration.issuance;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.EventBridgeClientEvents;
import health.registration.adapters.aws.EventBridgeOperatorAudit;
import health.registration.adapters.aws.LambdaChallengeSite;
import health.registration.adapters.aws.LambdaCrlSource;
import health.registration.adapters.aws.LambdaIssuerCertificateSource;
import health.registration.adapters.aws.LambdaUrlProber;
import health.registration.adapters.aws.ServiceClients;
import health.registration.adapters.aws.SqsReverificationQueue;
import health.registration.adapters.dynamodb.DynamoCertificateStore;
import health.registration.adapters.dynamodb.DynamoChallengeStore;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.dynamodb.DynamoDomainClientCount;
import health.registration.adapters.dynamodb.DynamoIdempotencyStore;
import health.registration.adapters.dynamodb.DynamoJtiStore;
import health.registration.adapters.dynamodb.DynamoRequestCounter;
import health.registration.adapters.dynamodb.DynamoUdapClientStore;
import health.registration.adapters.http.NetworkUrlProber;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.certificate.CertificateAuthority;
import health.registration.core.certificate.CertificateOwnership;
import health.registration.core.certificate.CertificateRequestReview;
import health.registration.core.certificate.IssuingAuthoritySource;
import health.registration.core.certificate.IssuingAuthorityCrlSource;
import health.registration.core.certificate.ProbedChallengeSite;
import health.registration.core.certificate.RevokedCertificateClients;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IdempotencyPepper;
import health.registration.core.issue.IdempotencyPorts;
import health.registration.core.issue.ClientsPerDomain;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SealedAnswer;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.limit.SourceQuota;
import health.registration.core.model.SupportedScopes;
import health.registration.core.operator.ClientListing;
import health.registration.core.operator.OperatorClients;
import health.registration.core.operator.OperatorPorts;
import health.registration.core.operator.OperatorServices;
import health.registration.core.operator.OperatorSuspensions;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.issue.ClientEvents;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.reverify.ReverificationQueue;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationPolicy;
import health.registration.core.reverify.ReverificationPorts;
import health.registration.core.reverify.ReverificationSettings;
import health.registration.core.udap.CachedIssuerCertificates;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.core.udap.ProbedIssuerCertificateSource;
import health.registration.core.udap.SoftwareStatementVerifier;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapRegistrar;
import health.registration.core.udap.UdapStores;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.RequestLimits;
import health.registration.edge.ReverificationConfiguration;
import health.registration.edge.Settings;
import health.registration.edge.UdapSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one place the issuing functions (register, manage, cleanup, reverify, operator) are wired: DynamoDB and Secrets Manager
 * stores on the SDK clients of {@link AwsClients} (or offline ones, for priming), and the prober — the probe function
 * through the Lambda Invoke API when {@code PROBE_FUNCTION_NAME} is set (in AWS), else the engine in-process (the
 * local API); CRLs for UDAP come the same way. Each piece is built only when a function asks for it, so the cleanup
 * builds no prober.
 */
public final class IssuanceComponents {

    // The table keeps instants to the millisecond; a millisecond clock makes a record read back equal the one written.
    private static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);

    private final Settings settings;
    private final ServiceClients aws;
    private final NameResolver hostResolver;

    private IssuanceComponents(Settings settings, ServiceClients aws, NameResolver hostResolver) {
        this.settings = settings;
        this.aws = aws;
        this.hostResolver = hostResolver;
    }

    public static IssuanceComponents fromEnvironment() {
        return from(Settings.fromEnvironment());
    }

    /** Wiring from given settings: the local API, tests and benchmarks, with the same code paths as Lambda. */
    public static IssuanceComponents from(Settings settings) {
        return from(settings, AwsClients.shared());
    }

    /** Wiring over given SDK clients: {@link AwsClients#offline} ones for priming ({@link OfflineIssuance}). */
    public static IssuanceComponents from(Settings settings, ServiceClients aws) {
        return new IssuanceComponents(settings, aws, null);
    }

    /**
     * These components with re-verification's own host resolution ({@link ReverificationPorts#resolver()}) answered
     * by {@code resolver}: priming resolves nothing through DNS ({@link OfflineIssuance}).
     */
    IssuanceComponents withHostResolver(NameResolver resolver) {
        return new IssuanceComponents(settings, aws, resolver);
    }

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

    /** {@code POST /register}'s per-source hourly limit, counted in the request counts table. */
    public SourceQuota registrationQuota() {
        return new SourceQuota("register", new DynamoRequestCounter(aws.dynamoDb(), RequestLimits.requestCountsTable(settings)),
                RequestLimits.registrationsPerSourcePerHour(settings), CLOCK);
    }

    /** At most {@code CLIENTS_PER_DOMAIN} clients per registrable domain on the open and UDAP paths. */
    private ClientsPerDomain domainLimit() {
        return new ClientsPerDomain(new DynamoDomainClientCount(aws.dynamoDb(), settings.clientsTable()),
                RequestLimits.clientsPerDomain(settings), settings.manualRegistrationUrl());
    }

    public RegisteredClients registeredClients() {
        return new RegisteredClients(review(), stores(), new SecureRandomIdSource(), CLOCK, issuanceSettings());
    }

    /**
     * The operator's client API (manual path, policy section 1): the manual policy, with the registration's probes
     * planned here by the manual path's URL rules (so a native app's redirect URI is never probed) and made by the
     * usual prober; lifecycle events as for the other paths; the audit trail {@code trail} wraps around the
     * EventBridge audit (null when {@code EVENT_BUS_NAME} is unset, locally).
     */
    public OperatorServices operatorServices(UnaryOperator<OperatorAudit> trail) {
        PolicyContext context = settings.policyContext();
        ProbeConfiguration probing = settings.probeConfiguration();
        ProbeSettings planning = new ProbeSettings(probing.limits(), probing.termsFailuresAreErrors(), context)
                .withUrlRules(Policies.manualUrlRules());
        RegistrationReview review = new RegistrationReview(Policies.manualRegistration(), context,
                new PlannedUrlProber(prober(context), planning));
        OperatorAudit bus = auditBus().orElse(null);
        IssuanceSettings issuance = issuanceSettings();
        ClientStores stores = stores();
        OperatorPorts ports = new OperatorPorts(stores, trail.apply(bus));
        OperatorClients clients = new OperatorClients(
                new ClientRegistrar(review, stores, new SecureRandomIdSource(), CLOCK, issuance), review, ports, issuance, CLOCK);
        return new OperatorServices(clients, new OperatorSuspensions(clients, ports, issuance, CLOCK),
                new ClientListing(stores.clients(), issuance));
    }

    /**
     * UDAP registration, or empty when it is switched off ({@link UdapSettings}, the decision discovery makes too);
     * a registration may ask only for the grant types, and be signed only with the algorithms, discovery advertises.
     */
    public Optional<UdapRegistrar> udapRegistrar() {
        Optional<UdapSettings> udap = UdapSettings.of(settings);
        if (udap.isEmpty()) {
            return Optional.empty();
        }
        Optional<Supplier<TrustAnchors>> anchors = UdapConfiguration.trustAnchors(secrets());
        PolicyContext context = settings.policyContext().withUdapGrantTypesSupported(
                Set.copyOf(udap.get().capabilities().grantTypesSupported()));
        SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(anchors.get(), crlSource(),
                UdapConfiguration.onCrlUnavailable(settings), CLOCK, settings.registrationEndpoint())
                .withSigningAlgorithms(udap.get().capabilities().registrationSigningAlgs())
                .withIssuerCertificates(issuerCertificates());
        RegistrationReview review = new RegistrationReview(Policies.udapRegistration(), context, prober(context));
        UdapStores stores = new UdapStores(new DynamoUdapClientStore(aws.dynamoDb(), settings.clientsTable()),
                new DynamoJtiStore(aws.dynamoDb(), settings.clientsTable()));
        return Optional.of(new UdapRegistrar(verifier, review, stores, new SecureRandomIdSource(), CLOCK, issuanceSettings())
                .withDomainLimit(domainLimit()));
    }

    /**
     * CRLs through the probe function in AWS, through the same guard in-process locally; the developer-certificate
     * authority's own CRL straight from its table, so a revocation holds from the next registration on.
     */
    private CrlSource crlSource() {
        CrlSource fetched = settings.probeFunctionName()
                .<CrlSource>map(name -> new LambdaCrlSource(aws.lambda(), name, CLOCK))
                .orElseGet(() -> new ProbedCrlSource(NetworkUrlProber.network(settings.probeConfiguration()), CLOCK,
                        UdapConfiguration.MAX_CRL_BYTES));
        return CertificateConfiguration.authority(settings)
                .<CrlSource>map(ca -> new IssuingAuthorityCrlSource(CertificateConfiguration.crlUrl(settings, ca.name()),
                        ca.name(), new DynamoCertificateStore(aws.dynamoDb(), ca.table()), fetched))
                .orElse(fetched);
    }

    /**
     * Issuer certificates named in Authority Information Access (UDAP DCR §4.2), through the probe function in AWS
     * and the same guard in-process locally, with a 3 s limit; kept an hour per URL (a failure a minute).
     */
    private IssuerCertificateSource issuerCertificates() {
        IssuerCertificateSource fetched = settings.probeFunctionName()
                .<IssuerCertificateSource>map(name -> new LambdaIssuerCertificateSource(aws.lambda(), name))
                .orElseGet(() -> new ProbedIssuerCertificateSource(NetworkUrlProber.network(settings.probeConfiguration(),
                        UdapConfiguration.ISSUER_CERTIFICATE_TIMEOUT)));
        return new CachedIssuerCertificates(fetched, CLOCK);
    }

    /**
     * The developer-certificate authority: its key and chain (read when it first signs, never here), its table, and
     * a review of requests under the UDAP policy with probing. Throws IllegalStateException when it is not
     * configured or names no key.
     */
    public CertificateAuthority certificateAuthority() {
        CertificateConfiguration.Authority ca = CertificateConfiguration.authority(settings).orElseThrow(() ->
                new IllegalStateException(CertificateConfiguration.CERTIFICATE_AUTHORITY_NAME + " must be set"));
        PolicyContext context = settings.policyContext();
        IssuingAuthoritySource key = CertificateConfiguration.issuingAuthority(settings, secrets(), ca.name());
        DynamoCertificateStore certificates = new DynamoCertificateStore(aws.dynamoDb(), ca.table());
        CertificateOwnership ownership = new CertificateOwnership(new DynamoChallengeStore(aws.dynamoDb(), ca.table()),
                challengeSite(), certificates, CLOCK);
        return new CertificateAuthority(key, CertificateConfiguration.settings(settings),
                new CertificateRequestReview(context, prober(context), ownership), certificates, CLOCK);
    }

    /** The UDAP clients a revoked developer certificate suspends, with their events on EventBridge. */
    public RevokedCertificateClients revokedCertificateClients() {
        return new RevokedCertificateClients(new DynamoUdapClientStore(aws.dynamoDb(), settings.clientsTable()),
                new DynamoClientStore(aws.dynamoDb(), settings.clientsTable()), events(), CLOCK);
    }

    /** Ownership challenges fetched by the probe function in AWS, through the same guard in-process locally. */
    private ChallengeSite challengeSite() {
        return settings.probeFunctionName()
                .<ChallengeSite>map(name -> new LambdaChallengeSite(aws.lambda(), name))
                .orElseGet(() -> new ProbedChallengeSite(NetworkUrlProber.network(settings.probeConfiguration())));
    }

    /**
     * The operator audit trail on EventBridge (operator actions, certificates issued and revoked), or empty when
     * {@code EVENT_BUS_NAME} is unset.
     */
    public Optional<OperatorAudit> auditBus() {
        return ReverificationConfiguration.eventBusName(settings)
                .map(bus -> new EventBridgeOperatorAudit(aws.eventBridge(), bus));
    }

    public RegistrationCleanup cleanup() {
        return new RegistrationCleanup(stores(), CLOCK);
    }

    /**
     * Re-verification: probes through the probe function (in AWS) or in-process, UDAP clients' certificates against
     * the CRLs registration uses, lifecycle events to EventBridge when {@code EVENT_BUS_NAME} is set, fan-out to SQS
     * when {@code REVERIFY_QUEUE_URL} is set.
     */
    public Reverification reverification() {
        // Scopes were decided when granted (IG STU2 general §7.3); a later change of SCOPES_SUPPORTED suspends no one.
        PolicyContext context = settings.policyContext().withSupportedScopes(SupportedScopes.UNRESTRICTED);
        ProbeConfiguration probing = settings.probeConfiguration();
        ReverificationSettings schedule = ReverificationConfiguration.settings(settings);
        ReverificationQueue queue = ReverificationConfiguration.queueUrl(settings)
                .<ReverificationQueue>map(url -> new SqsReverificationQueue(aws.sqs(), url))
                .orElse(segment -> {
                    throw new IllegalStateException("REVERIFY_QUEUE_URL is not set, so every client is checked inline");
                });
        ClientEvents events = Optional.ofNullable(events()).orElse(unsent -> {
            throw new StoreUnavailable("EVENT_BUS_NAME is not set: events stay on the records", null);
        });
        // The run resolves each host itself too, so that its per-host budget also counts addresses (RunProbes).
        ReverificationPorts ports = new ReverificationPorts(new DynamoClientStore(aws.dynamoDb(), settings.clientsTable()),
                prober(context), events, queue, crlSource(),
                hostResolver != null ? hostResolver : NetworkUrlProber.resolver(probing));
        ReverificationPolicy policy = new ReverificationPolicy(context,
                new ProbeSettings(probing.limits(), probing.termsFailuresAreErrors(), context), schedule);
        return new Reverification(ports, policy, workers(schedule.probeLanes()), CLOCK);
    }

    private static ExecutorService workers(int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "reverify-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The configured secrets, read from Secrets Manager (or files) on first use, never here. */
    private ConfiguredSecrets secrets() {
        return new ConfiguredSecrets(settings, name -> SecretsManagerText.read(aws.secretsManager(), name), CLOCK);
    }

    private ClientStores stores() {
        return new ClientStores(new DynamoClientStore(aws.dynamoDb(), settings.clientsTable()),
                new SecretsManagerSecretStore(aws.secretsManager(), settings.secretPrefix(), settings.secretsKmsKeyId()),
                events());
    }

    /** Lifecycle events to EventBridge, or null when {@code EVENT_BUS_NAME} is unset (events stay on the records). */
    private ClientEvents events() {
        return ReverificationConfiguration.eventBusName(settings)
                .map(bus -> (ClientEvents) new EventBridgeClientEvents(aws.eventBridge(), bus)).orElse(null);
    }

    private RegistrationReview review() {
        PolicyContext context = settings.policyContext();
        return new RegistrationReview(Policies.openDynamicRegistration(), context, prober(context));
    }

    private UrlProber prober(PolicyContext context) {
        return settings.probeFunctionName()
                .<UrlProber>map(name -> new LambdaUrlProber(aws.lambda(), name))
                .orElseGet(() -> NetworkUrlProber.create(settings.probeConfiguration(), context));
    }

    /** The production issuance settings, with the first re-verification one re-verification interval away. */
    private IssuanceSettings issuanceSettings() {
        IssuanceSettings defaults = IssuanceSettings.of(settings.publicBaseUrl(), settings.clientSecretLifetime());
        return new IssuanceSettings(defaults.publicBaseUrl(), defaults.secretLifetime(), defaults.pendingTimeout(),
                ReverificationConfiguration.settings(settings).interval(), defaults.idempotencyWindow(),
                defaults.idempotencyLock(), defaults.idempotencyWait());
    }
}
