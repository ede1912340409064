package health.registration.core.udap;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A test UDAP trust community: a root CA and an intermediate CA (RSA 2048), valid around a fixed instant, with the
 * leaf certificates and CRLs tests need. The root publishes its CRL at {@code http://crl.<name>.example.com/root.crl}
 * and the intermediate at {@code .../intermediate.crl}; leaves name the intermediate's by default. Build one per
 * community and per test class: keys are generated fresh, which takes a moment.
 */
public final class TestPki {

    /** The instant the PKI is built around; judge it with a clock fixed here. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration YEAR = Duration.ofDays(365);

    private final String name;
    private final Instant now;
    private final TestAuthority root;
    private final TestAuthority intermediate;
    private final TestCredential revokedLeaf;
    private TestAuthority expiredIntermediate;

    private TestPki(String name, Instant now) {
        this.name = name;
        this.now = now;
        this.root = TestAuthority.root(name + " Root CA", TestKeys.rsa(), now.minus(YEAR), now.plus(YEAR.multipliedBy(10)),
                crlUrl("root"));
        this.intermediate = root.subordinate(name + " Intermediate CA", TestKeys.rsa(), now.minus(YEAR),
                now.plus(YEAR.multipliedBy(5)), crlUrl("intermediate"));
        this.revokedLeaf = rsaLeaf("https://revoked." + name + ".example.com/client");
    }

    /** A community named by one DNS label (e.g. "alpha"), built around {@link #NOW}. */
    public static TestPki create(String name) {
        return new TestPki(name, NOW);
    }

    public static TestPki create(String name, Instant now) {
        return new TestPki(name, now);
    }

    public Instant now() {
        return now;
    }

    public TestAuthority root() {
        return root;
    }

    public TestAuthority intermediate() {
        return intermediate;
    }

    public String crlUrl(String authority) {
        return "http://crl." + name + ".example.com/" + authority + ".crl";
    }

    /** An RSA 2048 leaf of the intermediate with these SAN URIs, valid from a day ago for a year. */
    public LeafSpec leafSpec(String... sanUris) {
        return new LeafSpec("client of " + name, TestKeys.rsa(), List.of(sanUris), List.of(intermediate.crlUrl()),
                now.minus(DAY), now.plus(YEAR));
    }

    public TestCredential leaf(LeafSpec spec) {
        return intermediate.issue(spec);
    }

    public TestCredential rsaLeaf(String... sanUris) {
        return leaf(leafSpec(sanUris));
    }

    /** A leaf with a key on {@link TestKeys#P256} or {@link TestKeys#P384}. */
    public TestCredential ecLeaf(String curve, String... sanUris) {
        return leaf(leafSpec(sanUris).withKeys(TestKeys.ec(curve)));
    }

    public TestCredential expiredLeaf(String... sanUris) {
        return leaf(leafSpec(sanUris).validBetween(now.minus(YEAR), now.minus(DAY)));
    }

    public TestCredential notYetValidLeaf(String... sanUris) {
        return leaf(leafSpec(sanUris).validBetween(now.plus(DAY), now.plus(YEAR)));
    }

    public TestCredential leafWithoutCrlDistributionPoint(String... sanUris) {
        return leaf(leafSpec(sanUris).withCrlDistributionPoints());
    }

    /** A leaf that {@link #intermediateCrl()} lists as revoked; its SAN URI is {@code https://revoked.<name>.example.com/client}. */
    public TestCredential revokedLeaf() {
        return revokedLeaf;
    }

    /** An intermediate CA of the root that expired yesterday; leaves it issues are themselves in date. */
    public synchronized TestAuthority expiredIntermediate() {
        if (expiredIntermediate == null) {
            expiredIntermediate = root.subordinate(name + " Expired Intermediate CA", TestKeys.rsa(), now.minus(YEAR),
                    now.minus(DAY), crlUrl("expired-intermediate"));
        }
        return expiredIntermediate;
    }

    /** The root's CRL, revoking nothing, issued an hour ago and next updated in a week. */
    public X509CRL rootCrl() {
        return root.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)));
    }

    /** The intermediate's CRL, revoking {@link #revokedLeaf()}, issued an hour ago and next updated in a week. */
    public X509CRL intermediateCrl() {
        return intermediate.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)), revokedLeaf.certificate());
    }

    /** The intermediate's CRL revoking nothing. */
    public X509CRL emptyIntermediateCrl() {
        return intermediate.crl(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)));
    }

    /** x5c for a leaf of the intermediate: the leaf, then the intermediate (the root is the anchor, not sent). */
    public List<X509Certificate> chain(TestCredential leaf) {
        return List.of(leaf.certificate(), intermediate.certificate());
    }

    /** The root as trust-anchor text for {@link TrustAnchors#parse}, named as this community. */
    public String anchorPem(String community) {
        return "community: " + community + "\n" + pem(root.certificate());
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509CRL crl) {
        try {
            return "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder().encodeToString(crl.getEncoded())
                    + "\n-----END X509 CRL-----\n";
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
