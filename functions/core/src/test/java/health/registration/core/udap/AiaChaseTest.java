package health.registration.core.udap;

import static health.registration.core.udap.VerifierFixture.CLIENT_URI;
import static health.registration.core.udap.VerifierFixture.COMMUNITY;
import static health.registration.core.udap.VerifierFixture.ENDPOINT;
import static health.registration.core.udap.VerifierFixture.PKI;
import static health.registration.core.udap.VerifierFixture.assertRejected;
import static health.registration.core.udap.VerifierFixture.assertVerified;
import static health.registration.core.udap.VerifierFixture.claims;
import static health.registration.core.udap.VerifierFixture.crls;
import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UDAP DCR §4.2 and RFC 5280 §4.2.2.1, through the verifier: when x5c alone leads to no anchor, the issuers named as
 * caIssuers in Authority Information Access are fetched (at most four, each a CA certificate that issued the one
 * naming it) and the path is built again; CRLs are still fetched only for the certificates of a built trusted path.
 */
class AiaChaseTest {

    private static final RegistrationErrorCode UNAPPROVED = RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT;
    private static final String CA_URL = "http://ca.alpha.example.com/";
    private static final TestPki ROGUE = TestPki.create("rogue-aia");
    private static final Duration YEAR = Duration.ofDays(365);

    /** The alpha intermediate, telling where its certificate is; the leaf it issues names that URL. */
    private static final TestAuthority PUBLISHED = PKI.intermediate().publishingCertificateAt(CA_URL + "intermediate.cer");
    private static final TestCredential AIA_LEAF = PUBLISHED.issue(PKI.leafSpec(CLIENT_URI));

    /**
     * A row: what x5c holds (the leaf first), what the caIssuers URLs serve, and the phrase of the refusal (null:
     * verified) with how many URLs are asked for.
     */
    private record Row(String name, Supplier<List<TestCredential>> chain, Supplier<InMemoryIssuerCertificates> served,
                       String refusal, int fetches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
            new Row("a leaf alone whose AIA names its intermediate", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", PKI.intermediate().certificate()), null, 1),
            new Row("AIA serves a bundle of the root and the intermediate", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", PKI.root().certificate(), PKI.intermediate().certificate()), null, 1),
            new Row("x5c already holding the intermediate: nothing fetched", () -> List.of(AIA_LEAF,
                    PKI.intermediate().credential()), InMemoryIssuerCertificates::new, null, 0),
            new Row("the AIA URL cannot be fetched", () -> List.of(AIA_LEAF), InMemoryIssuerCertificates::new,
                    "the issuer certificate named in its Authority Information Access (caIssuers) could not be fetched", 1),
            new Row("AIA serves a CA of another subject", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", PKI.root().certificate()), "is not the CA certificate that issued", 1),
            new Row("AIA serves another community's intermediate", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", ROGUE.intermediate().certificate()), "is not the CA certificate", 1),
            new Row("AIA serves the intermediate's subject and key in a certificate that is no CA", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", notACa(PKI.intermediate())), "is not the CA certificate", 1),
            new Row("AIA serves a CA of the intermediate's name with another key", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", IMPOSTER.get().certificate()), "is not the CA certificate", 1),
            new Row("a leaf without AIA whose intermediate x5c lacks: nothing to fetch", () -> List.of(PLAIN_LEAF.get()),
                    InMemoryIssuerCertificates::new, "send its intermediates in x5c", 0),
            new Row("AIA serves the leaf itself", () -> List.of(AIA_LEAF),
                    () -> served("intermediate.cer", AIA_LEAF.certificate()), "is not the CA certificate", 1),
            new Row("AIA leads in a loop", AiaChaseTest::loopingChain,
                    () -> served("loop.cer", LOOPING_CA.get().certificate()), "leads in a loop", 1),
            new Row("more than four issuers to fetch", () -> List.of(DEEP.get().leaf()), () -> DEEP.get().served(),
                    "more than 4 issuer certificates", 4),
            new Row("a leaf of an untrusted community whose AIA names its intermediate", () -> List.of(ROGUE_LEAF.get()),
                    () -> served("rogue.cer", ROGUE.intermediate().certificate()), "even with the issuer certificates"
                    + " fetched through Authority Information Access", 1),
            new Row("AIA names an intermediate that has expired", () -> List.of(EXPIRED_LEAF.get()),
                    () -> served("expired.cer", PKI.expiredIntermediate().certificate()), "expired", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void followsAuthorityInformationAccessWithinItsBounds(Row row) {
        InMemoryIssuerCertificates served = row.served().get();
        InMemoryCrlSource crls = crls();
        List<TestCredential> chain = row.chain().get();
        String statement = SoftwareStatements.sign(chain.get(0),
                chain.stream().map(TestCredential::certificate).toList(), claims());

        StatementVerdict verdict = verifier(crls).withIssuerCertificates(served).verify(statement);

        if (row.refusal() == null) {
            assertVerified(verdict);
            // The fetched intermediate is on the path, so the root's CRL (which speaks for it) is read too.
            assertThat(crls.requests()).contains(URI.create(PKI.crlUrl("root")), URI.create(PKI.crlUrl("intermediate")));
        } else {
            assertRejected(verdict, UNAPPROVED, row.refusal());
            assertThat(crls.requests()).as("no CRL of a certificate outside a trusted path").isEmpty();
        }
        assertThat(served.requests()).hasSize(row.fetches());
    }

    @Test
    void fetchesNothingWithoutASourceAndSaysTheChainLeadsNowhere() {
        String statement = SoftwareStatements.sign(AIA_LEAF, List.of(AIA_LEAF.certificate()), claims());

        assertRejected(VerifierFixture.verifier().verify(statement), UNAPPROVED, "send its intermediates in x5c");
    }

    @Test
    void asksTheCacheOnceForTwoStatementsOfTheSameLeaf() {
        InMemoryIssuerCertificates served = served("intermediate.cer", PKI.intermediate().certificate());
        SoftwareStatementVerifier verifier = verifier(crls())
                .withIssuerCertificates(new CachedIssuerCertificates(served, VerifierFixture.CLOCK));

        for (int i = 0; i < 2; i++) {
            assertVerified(verifier.verify(SoftwareStatements.sign(AIA_LEAF, List.of(AIA_LEAF.certificate()), claims())));
        }
        assertThat(served.requests()).hasSize(1);
    }

    private static SoftwareStatementVerifier verifier(InMemoryCrlSource crls) {
        return new SoftwareStatementVerifier(TrustAnchors.parse(PKI.anchorPem(COMMUNITY)), crls,
                RevocationFailureMode.REJECT, Clock.fixed(TestPki.NOW, ZoneOffset.UTC), URI.create(ENDPOINT));
    }

    private static InMemoryIssuerCertificates served(String path, X509Certificate... certificates) {
        return new InMemoryIssuerCertificates().with(CA_URL + path, certificates);
    }

    // root → loop CA (which claims its issuer is at loop.cer, its own URL) → intermediate below it → leaf.
    private static final Memo<TestAuthority> LOOPING_CA = new Memo<>(() -> PKI.intermediate()
            .publishingCertificateAt(CA_URL + "loop.cer").subordinate("alpha Loop CA", TestKeys.rsa(),
                    TestPki.NOW.minus(YEAR), TestPki.NOW.plus(YEAR), PKI.crlUrl("loop")));

    private static List<TestCredential> loopingChain() {
        TestCredential leaf = LOOPING_CA.get().publishingCertificateAt(CA_URL + "loop.cer").issue(PKI.leafSpec(CLIENT_URI));
        return List.of(leaf);
    }

    /** A CA named as the alpha intermediate, but with a key of its own: it did not sign {@link #AIA_LEAF}. */
    private static final Memo<TestAuthority> IMPOSTER = new Memo<>(() -> TestAuthority.root("alpha Intermediate CA",
            TestKeys.ec(TestKeys.P256), TestPki.NOW.minus(YEAR), TestPki.NOW.plus(YEAR), PKI.crlUrl("imposter")));
    /** Issued by the alpha intermediate, which names no caIssuers URL. */
    private static final Memo<TestCredential> PLAIN_LEAF = new Memo<>(() -> PKI.intermediate().issue(PKI.leafSpec(CLIENT_URI)));
    private static final Memo<TestCredential> ROGUE_LEAF = new Memo<>(() -> ROGUE.intermediate()
            .publishingCertificateAt(CA_URL + "rogue.cer").issue(ROGUE.leafSpec(CLIENT_URI)));

    private static final Memo<TestCredential> EXPIRED_LEAF = new Memo<>(() -> PKI.expiredIntermediate()
            .publishingCertificateAt(CA_URL + "expired.cer").issue(PKI.leafSpec(CLIENT_URI)));

    /** Five intermediates below the alpha intermediate, each published at its own URL, and a leaf of the last. */
    private record Deep(TestCredential leaf, InMemoryIssuerCertificates served) {}

    private static final Memo<Deep> DEEP = new Memo<>(() -> {
        InMemoryIssuerCertificates served = new InMemoryIssuerCertificates();
        TestAuthority ca = PKI.intermediate();
        for (int level = 1; level <= 5; level++) {
            String url = CA_URL + "deep-" + level + ".cer";
            ca = ca.subordinate("alpha Deep CA " + level, TestKeys.rsa(), TestPki.NOW.minus(YEAR), TestPki.NOW.plus(YEAR),
                    PKI.crlUrl("deep-" + level)).publishingCertificateAt(url);
            served.with(url, ca.certificate());
        }
        return new Deep(ca.issue(PKI.leafSpec(CLIENT_URI)), served);
    });

    /** The authority's subject and key in a certificate whose basicConstraints says it is no CA, signed by the root. */
    private static X509Certificate notACa(TestAuthority authority) {
        try {
            X509Certificate real = authority.certificate();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(PKI.root().certificate(),
                    BigInteger.valueOf(System.nanoTime()), Date.from(TestPki.NOW.minus(YEAR)),
                    Date.from(TestPki.NOW.plus(YEAR)), real.getSubjectX500Principal(), real.getPublicKey());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(PKI.root().credential().privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Built on first use, so that rows share certificates without making keys at class load. */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> make;
        private T value;

        Memo(Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }
}
