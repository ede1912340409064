package health.registration.core.reverify;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.ProbeReport;
import health.registration.core.udap.LeafSpec;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Client records as the registrars store them (metadata with the RFC 7591 defaults written out), in any state of
 * their re-verification lifecycle, for the re-verification tests.
 */
final class ClientFixtures {

    /** When the fixtures were registered. */
    static final Instant REGISTERED = Instant.parse("2026-03-01T03:00:00Z");
    static final ProbeReport REGISTRATION_REPORT = new ProbeReport(List.of());
    /** The community's CA, and the CRL URL its client certificates name. */
    static final TestAuthority CA = TestAuthority.root("Reverification Test CA", TestKeys.rsa(),
            REGISTERED.minus(Duration.ofDays(365)), REGISTERED.plus(Duration.ofDays(3650)), "https://ca.example.org/ca.crl");
    static final String CRL_URL = "https://ca.example.org/ca.crl";
    /** A client certificate valid for ten years from a year before registration, naming no CRL. */
    static final X509Certificate LEAF = leaf(REGISTERED.plus(Duration.ofDays(3650)));
    static final CertificateBinding BINDING = binding(LEAF);

    /** A client certificate of {@link #CA} ending at {@code notAfter}, naming the CRLs. */
    static X509Certificate leaf(Instant notAfter, String... crlUrls) {
        return CA.issue(new LeafSpec("Reverified app", TestKeys.rsa(), List.of("https://app.example.com/udap"),
                List.of(crlUrls), REGISTERED.minus(Duration.ofDays(365)), notAfter)).certificate();
    }

    /** What binds a UDAP client to the certificate. */
    static CertificateBinding binding(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            return new CertificateBinding("https://app.example.com/udap", "https://community.example.org",
                    Base64.getEncoder().encodeToString(der), Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ClientFixtures() {}

    static ClientId id(int n) {
        return SequentialIdSource.clientId(n);
    }

    /** The valid open-path fixture as stored: defaults written out. */
    static ClientMetadata stored() {
        return ValidMetadata.metadata().withDefaults();
    }

    static Credentials secret() {
        return new Credentials("arn:aws:secretsmanager:eu-west-2:000000000000:secret:client", "token-hash", REGISTERED, 0);
    }

    static Credentials certificate() {
        return Credentials.ofCertificate(BINDING, REGISTERED);
    }

    /** An active client with a secret, never failed, due at the given time. */
    static ClientRecord active(ClientId id, ClientMetadata metadata, Instant nextCheckAt) {
        return record(id, ClientStatus.ACTIVE, metadata, secret(), checks(nextCheckAt, 0, null, List.of(), List.of()));
    }

    static ClientRecord record(ClientId id, ClientStatus status, ClientMetadata metadata, Credentials credentials, UrlChecks checks) {
        return new ClientRecord(id, status, metadata, credentials, checks, REGISTERED, REGISTERED, 2);
    }

    /** Checks last made at registration, with failures in a row since {@code firstFailedAt} (null when none). */
    static UrlChecks checks(Instant nextCheckAt, int failures, Instant firstFailedAt, List<StatusChange> history,
                            List<LifecycleEvent> pendingEvents) {
        List<CheckProblem> problems = failures == 0 ? List.of() : List.of(problem("/logo_uri", FailureKind.HARD));
        return new UrlChecks(REGISTERED, REGISTRATION_REPORT, nextCheckAt, failures, firstFailedAt, problems, null,
                history, pendingEvents);
    }

    static CheckProblem problem(String member, FailureKind kind) {
        String code = kind == FailureKind.HARD ? "not_found" : "timeout";
        return new CheckProblem(member, "https://app.example.com/logo.png", code, kind, member.substring(1) + " failed (" + code + ")");
    }
}
