package health.registration.certificates;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.dynamodb.DynamoCertificateStore;
import health.registration.adapters.dynamodb.DynamoChallengeStore;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.dynamodb.DynamoUdapClientStore;
import health.registration.core.certificate.CertificateAuthority;
import health.registration.core.certificate.CertificateOwnership;
import health.registration.core.certificate.CertificateRequestReview;
import health.registration.core.certificate.IssuingAuthoritySource;
import health.registration.core.certificate.RevokedCertificateClients;
import health.registration.core.policy.PolicyContext;
import health.registration.edge.Settings;
import health.registration.issuance.CertificateConfiguration;
import health.registration.issuance.IssuanceWiring;
import java.time.Clock;

/**
 * The certificates function's pieces over the shared {@link IssuanceWiring}: the developer-certificate authority
 * and the UDAP clients a revocation suspends.
 */
final class CertificatesWiring {

    private final IssuanceWiring shared;

    CertificatesWiring(IssuanceWiring shared) {
        this.shared = shared;
    }

    /**
     * The developer-certificate authority: its key and chain (read when it first signs, never here), its table, and
     * a review of requests under the UDAP policy with probing; ownership challenges fetched through the same probing.
     * Throws IllegalStateException when it is not configured or names no key.
     */
    CertificateAuthority certificateAuthority() {
        Settings settings = shared.settings();
        DynamoDbRequests dynamo = shared.aws().dynamoDb();
        CertificateConfiguration.Authority ca = CertificateConfiguration.authority(settings).orElseThrow(() ->
                new IllegalStateException(CertificateConfiguration.CERTIFICATE_AUTHORITY_NAME + " must be set"));
        PolicyContext context = settings.policyContext();
        IssuingAuthoritySource key = CertificateConfiguration.issuingAuthority(settings, shared.secrets(), ca.name());
        DynamoCertificateStore certificates = new DynamoCertificateStore(dynamo, ca.table());
        CertificateOwnership ownership = new CertificateOwnership(new DynamoChallengeStore(dynamo, ca.table()),
                shared.probing().challengeSite(), certificates, IssuanceWiring.CLOCK);
        return new CertificateAuthority(key, CertificateConfiguration.settings(settings),
                new CertificateRequestReview(context, shared.probing().prober(context), ownership), certificates,
                IssuanceWiring.CLOCK);
    }

    /** The UDAP clients a revoked developer certificate suspends, with their events on EventBridge. */
    RevokedCertificateClients revokedCertificateClients() {
        DynamoDbRequests dynamo = shared.aws().dynamoDb();
        String table = shared.settings().clientsTable();
        return new RevokedCertificateClients(new DynamoUdapClientStore(dynamo, table),
                new DynamoClientStore(dynamo, table), shared.events(), IssuanceWiring.CLOCK);
    }

    CertificateAuditTrail auditTrail() {
        return new CertificateAuditTrail(shared.auditBus(), Clock.systemUTC());
    }
}
