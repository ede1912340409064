package health.registration.register;

import health.registration.adapters.dynamodb.DynamoJtiStore;
import health.registration.adapters.dynamodb.DynamoRequestCounter;
import health.registration.adapters.dynamodb.DynamoUdapClientStore;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.limit.SourceQuota;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.udap.CachedIssuerCertificates;
import health.registration.core.udap.SoftwareStatementVerifier;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapRegistrar;
import health.registration.core.udap.UdapStores;
import health.registration.edge.RequestLimits;
import health.registration.edge.Settings;
import health.registration.edge.UdapSettings;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.UdapConfiguration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The register function's pieces over the shared {@link IssuanceWiring}: open registration (RFC 7591), UDAP
 * registration (IG STU2 §3) when it is on, and the per-source hourly limit of {@code POST /register}.
 */
final class RegisterWiring {

    private final IssuanceWiring shared;

    RegisterWiring(IssuanceWiring shared) {
        this.shared = shared;
    }

    IdempotentRegistration registration() {
        return shared.registration();
    }

    /** {@code POST /register}'s per-source hourly limit, counted in the request counts table. */
    SourceQuota registrationQuota() {
        Settings settings = shared.settings();
        return new SourceQuota("register", new DynamoRequestCounter(shared.aws().dynamoDb(),
                RequestLimits.requestCountsTable(settings)), RequestLimits.registrationsPerSourcePerHour(settings),
                IssuanceWiring.CLOCK);
    }

    /**
     * UDAP registration, or empty when it is switched off ({@link UdapSettings}, the decision discovery makes too);
     * a registration may ask only for the grant types, and be signed only with the algorithms, discovery advertises.
     * Issuer certificates named in Authority Information Access (UDAP DCR §4.2) are kept an hour per URL (a failure
     * a minute).
     */
    Optional<UdapRegistrar> udapRegistrar() {
        Settings settings = shared.settings();
        Optional<UdapSettings> udap = UdapSettings.of(settings);
        if (udap.isEmpty()) {
            return Optional.empty();
        }
        Optional<Supplier<TrustAnchors>> anchors = UdapConfiguration.trustAnchors(shared.secrets());
        PolicyContext context = settings.policyContext().withUdapGrantTypesSupported(
                Set.copyOf(udap.get().capabilities().grantTypesSupported()));
        SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(anchors.get(), shared.crlSource(),
                UdapConfiguration.onCrlUnavailable(settings), IssuanceWiring.CLOCK, settings.registrationEndpoint())
                .withSigningAlgorithms(udap.get().capabilities().registrationSigningAlgs())
                .withIssuerCertificates(new CachedIssuerCertificates(shared.probing().issuerCertificates(), IssuanceWiring.CLOCK));
        RegistrationReview review = new RegistrationReview(Policies.udapRegistration(), context,
                shared.probing().prober(context));
        UdapStores stores = new UdapStores(new DynamoUdapClientStore(shared.aws().dynamoDb(), settings.clientsTable()),
                new DynamoJtiStore(shared.aws().dynamoDb(), settings.clientsTable()), shared.events());
        return Optional.of(new UdapRegistrar(verifier, review, stores, new SecureRandomIdSource(), IssuanceWiring.CLOCK,
                shared.issuanceSettings()).withDomainLimit(shared.domainLimit()));
    }
}
