package health.registration.local;

import health.registration.core.udap.LeafSpec;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The UDAP trust community of {@link UdapRegistrationIT}, built with core's {@link TestAuthority} (RSA 2048): a root and
 * an intermediate CA that publish their CRLs at {@code https://udap-crl.example.com/...}, a host the fixture serves
 * (TestPki's own CRL URLs are plain {@code http://crl.<name>.example.com}, which an HTTPS fixture on 443 cannot
 * answer). Beside it: the server's signing certificate, whose SAN URI is the local API's {@code PUBLIC_BASE_URL}; a
 * leaf the intermediate's CRL revokes; and a {@link TestPki} community this server does not trust. Every certificate
 * is valid around the real clock, which is what the local API judges them by.
 */
final class UdapTestPki {

    static final String COMMUNITY = "urn:example:udap-it:community";
    static final String CRL_HOST = "udap-crl.example.com";
    static final String ROOT_CRL = "/root.crl";
    static final String INTERMEDIATE_CRL = "/intermediate.crl";
    /** Named by one leaf's CRL distribution point; the fixture answers it 404. */
    static final String UNAVAILABLE_CRL = "/unavailable.crl";
    /** The SAN URI of the one revoked leaf, which must exist before the CRL that lists it. */
    static final String REVOKED_ISS = "https://udap-revoked.example.com/udap";
    /** Where the intermediate's certificate is published for Authority Information Access (plain http, as CAs do). */
    static final String AIA_HOST = "udap-aia.example.com";
    static final String INTERMEDIATE_CERTIFICATE = "/intermediate.cer";

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration YEAR = Duration.ofDays(365);

    private final Instant now = Instant.now();
    private final TestAuthority root;
    private final TestAuthority intermediate;
    private final TestCredential server;
    private final TestCredential revoked;
    private final TestPki untrusted = TestPki.create("udap-untrusted", now);
    /** Every key made here, for the check that the API's log holds none of them. */
    private final List<PrivateKey> keys = new CopyOnWriteArrayList<>();

    private UdapTestPki(String publicBaseUrl) {
        root = TestAuthority.root("UDAP IT Root CA", TestKeys.rsa(), now.minus(YEAR), now.plus(YEAR.multipliedBy(10)),
                crlUrl(ROOT_CRL));
        intermediate = root.subordinate("UDAP IT Intermediate CA", TestKeys.rsa(), now.minus(YEAR),
                now.plus(YEAR.multipliedBy(5)), crlUrl(INTERMEDIATE_CRL));
        keys.add(root.credential().privateKey());
        keys.add(intermediate.credential().privateKey());
        server = leaf(spec(publicBaseUrl));
        revoked = leaf(spec(REVOKED_ISS));
    }

    /** The community, with the server's certificate for {@code publicBaseUrl}. */
    static UdapTestPki build(String publicBaseUrl) {
        return new UdapTestPki(publicBaseUrl);
    }

    static String crlUrl(String path) {
        return "https://" + CRL_HOST + path;
    }

    /** An RSA 2048 leaf of the intermediate with this SAN URI, valid from a day ago for a year. */
    TestCredential rsaLeaf(String sanUri) {
        return leaf(spec(sanUri));
    }

    /** A P-256 leaf of the intermediate, for ES256. */
    TestCredential es256Leaf(String sanUri) {
        return leaf(spec(sanUri).withKeys(TestKeys.ec(TestKeys.P256)));
    }

    /** A leaf of the intermediate that expired yesterday. */
    TestCredential expiredLeaf(String sanUri) {
        return leaf(spec(sanUri).validBetween(now.minus(YEAR), now.minus(DAY)));
    }

    /** A leaf whose only CRL distribution point the fixture answers 404. */
    TestCredential leafWithUnavailableCrl(String sanUri) {
        return leaf(spec(sanUri).withCrlDistributionPoints(crlUrl(UNAVAILABLE_CRL)));
    }

    /**
     * A leaf of the intermediate whose Authority Information Access names {@code http://udap-aia.example.com<path>}
     * as caIssuers (RFC 5280 §4.2.2.1), for a client that sends only its leaf in x5c.
     */
    TestCredential leafWithAia(String sanUri, String path) {
        TestCredential leaf = intermediate.publishingCertificateAt(aiaUrl(path)).issue(spec(sanUri));
        keys.add(leaf.privateKey());
        return leaf;
    }

    static String aiaUrl(String path) {
        return "http://" + AIA_HOST + path;
    }

    X509Certificate intermediateCertificate() {
        return intermediate.certificate();
    }

    /** The leaf the intermediate's CRL lists as revoked; its SAN URI is {@link #REVOKED_ISS}. */
    TestCredential revokedLeaf() {
        return revoked;
    }

    /** A leaf of another community's intermediate, whose root this server does not trust. */
    TestCredential untrustedLeaf(String sanUri) {
        TestCredential leaf = untrusted.rsaLeaf(sanUri);
        keys.add(leaf.privateKey());
        return leaf;
    }

    /** x5c for a leaf of this community: the leaf, then the intermediate (the root is the anchor). */
    List<X509Certificate> chain(TestCredential leaf) {
        return List.of(leaf.certificate(), intermediate.certificate());
    }

    /** The intermediate CA's own key and certificate: a CA that must not sign software statements itself. */
    TestCredential intermediateCa() {
        return intermediate.credential();
    }

    X509Certificate rootCertificate() {
        return root.certificate();
    }

    /** x5c for {@link #untrustedLeaf}: the leaf, then its own intermediate. */
    List<X509Certificate> untrustedChain(TestCredential leaf) {
        return untrusted.chain(leaf);
    }

    /** {@code UDAP_TRUST_ANCHORS_FILE}: the community line, then the root. */
    String trustAnchorsPem() {
        return "community: " + COMMUNITY + "\n" + TestPki.pem(root.certificate());
    }

    /** {@code UDAP_SERVER_KEY_FILE}: the server's key as unencrypted PKCS#8. */
    String serverKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n" + mime(server.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /** {@code UDAP_SERVER_CERTIFICATE_FILE}: the server's chain, leaf first. */
    String serverChainPem() {
        return TestPki.pem(server.certificate()) + TestPki.pem(intermediate.certificate());
    }

    X509Certificate serverCertificate() {
        return server.certificate();
    }

    /** The DER CRLs the fixture serves by path: the root's (revoking nothing) and the intermediate's. */
    Map<String, byte[]> crls() {
        Instant issued = now.minus(Duration.ofHours(1));
        Instant next = now.plus(Duration.ofDays(7));
        return Map.of(ROOT_CRL, der(root.crl(issued, next)),
                INTERMEDIATE_CRL, der(intermediate.crl(issued, next, revoked.certificate())));
    }

    /** Every private key this community made, the server's included. */
    List<PrivateKey> privateKeys() {
        return List.copyOf(keys);
    }

    private LeafSpec spec(String sanUri) {
        return new LeafSpec("UDAP IT client", TestKeys.rsa(), List.of(sanUri), List.of(intermediate.crlUrl()),
                now.minus(DAY), now.plus(YEAR));
    }

    private TestCredential leaf(LeafSpec spec) {
        TestCredential leaf = intermediate.issue(spec);
        keys.add(leaf.privateKey());
        return leaf;
    }

    private static byte[] der(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mime(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }
}
