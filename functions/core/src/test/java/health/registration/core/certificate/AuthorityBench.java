package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.policy.rules.ValidUdapMetadata;
import health.registration.core.port.InMemoryCertificateStore;
import health.registration.core.port.InMemoryChallengeStore;
import health.registration.core.port.ServedChallenges;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The developer-certificate authority wired to in-memory ports: a root CA of its own (RSA by default; P-256 and P-384
 * on request, each built once per JVM), a store, a prober that never touches the network, and a clock standing at
 * {@link TestPki#NOW} until a test moves it. Requests start from one valid request: an RSA-2048 CSR without SANs, the
 * fixture client URI and the valid client-credentials UDAP metadata (client_uri https://app.example.com).
 */
final class AuthorityBench {

    static final Instant NOW = TestPki.NOW;
    static final URI PUBLIC_BASE_URL = URI.create("https://api.example.org/v1");
    static final String CA_NAME = "developers";
    static final String CRL_URL = "https://api.example.org/v1/crl/developers.crl";
    static final String REQUESTER = "arn:aws:iam::123456789012:user/operator";
    static final Duration YEAR = Duration.ofDays(365);
    static final String DEVELOPER = "dev-4711";
    private static final Map<String, TestAuthority> ROOTS = new ConcurrentHashMap<>();

    final MutableClock clock = MutableClock.at(NOW);
    /** The store the authority writes to; scripts nothing unless a test asks it to. */
    final ScriptedCertificateStore scripted = new ScriptedCertificateStore();
    final InMemoryCertificateStore store = scripted.delegate;
    final InMemoryUrlProber prober = new InMemoryUrlProber();
    final InMemoryChallengeStore challenges = new InMemoryChallengeStore();
    final ServedChallenges site = new ServedChallenges();
    final CertificateOwnership ownership = new CertificateOwnership(challenges, site, scripted, clock);
    final TestAuthority root;
    final IssuingAuthority authority;
    final CertificateAuthoritySettings settings;
    final CertificateAuthority ca;

    AuthorityBench() {
        this(rsaRoot(), CertificateAuthoritySettings.defaults(PUBLIC_BASE_URL));
    }

    AuthorityBench(TestAuthority root, CertificateAuthoritySettings settings) {
        this.root = root;
        this.authority = IssuingAuthority.of(root.credential().privateKey(), List.of(root.certificate()), CA_NAME);
        this.settings = settings;
        this.ca = ca(IssuingAuthoritySource.of(authority));
    }

    /** An authority on this bench's ports whose key and chain come from {@code source}. */
    CertificateAuthority ca(IssuingAuthoritySource source) {
        return new CertificateAuthority(source, settings, review(), scripted, clock);
    }

    /** A self-signed CA valid from a year before {@link #NOW} for ten years. */
    static TestAuthority rsaRoot() {
        return ROOTS.computeIfAbsent("rsa", k -> root("Developer Certificates CA", TestKeys.rsa(), NOW.plus(YEAR.multipliedBy(10))));
    }

    /** A self-signed CA on the curve ({@link TestKeys#P256} or {@link TestKeys#P384}). */
    static TestAuthority ecRoot(String curve) {
        return ROOTS.computeIfAbsent(curve, k -> root("Developer Certificates CA " + curve, TestKeys.ec(curve),
                NOW.plus(YEAR.multipliedBy(10))));
    }

    /** A self-signed RSA CA whose certificate ends in {@code remaining}. */
    static TestAuthority rsaRootEndingIn(Duration remaining) {
        return root("Ending CA", TestCsrs.otherRsa2048(), NOW.plus(remaining));
    }

    private static TestAuthority root(String name, KeyPair keys, Instant notAfter) {
        return TestAuthority.root(name, keys, NOW.minus(YEAR), notAfter, "http://unused.example.com/root.crl");
    }

    CertificateRequestReview review() {
        return new CertificateRequestReview(ValidMetadata.CONTEXT, prober, ownership);
    }

    static ClientMetadata metadata() {
        return ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC);
    }

    static CertificateRequest request(KeyPair keys) {
        return new CertificateRequest(TestCsrs.pem(TestCsrs.request(keys)), TestCsrs.CLIENT_URI, metadata(), null, null);
    }

    static CertificateRequest request() {
        return request(TestCsrs.rsa2048());
    }

    /**
     * The request proven by {@link #DEVELOPER}: a challenge issued for its client URI, served where the authority
     * will look for it.
     */
    CertificateRequest proven(CertificateRequest request) {
        return proven(request, DEVELOPER);
    }

    CertificateRequest proven(CertificateRequest request, String developer) {
        ChallengeOutcome outcome = ownership.challenge(developer, request.sanUri());
        assertThat(outcome).as("challenge %s", outcome).isInstanceOf(ChallengeOutcome.Issued.class);
        ChallengeOutcome.Issued challenge = (ChallengeOutcome.Issued) outcome;
        site.serve(challenge.url(), challenge.token() + "\n");
        return request.provenBy(developer, challenge.token());
    }

    /** Issues the request, proven first unless it names a challenge. */
    IssuanceOutcome.Issued issue(CertificateRequest request) {
        IssuanceOutcome outcome = ca.issue(request.challenge() == null ? proven(request) : request, REQUESTER);
        assertThat(outcome).as("outcome %s", outcome).isInstanceOf(IssuanceOutcome.Issued.class);
        return (IssuanceOutcome.Issued) outcome;
    }

    IssuanceOutcome.Issued issue() {
        return issue(request());
    }

    String rootPem() {
        return TestPki.pem(root.certificate());
    }
}
