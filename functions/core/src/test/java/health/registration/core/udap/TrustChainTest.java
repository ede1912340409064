package health.registration.core.udap;

import static health.registration.core.udap.VerifierFixture.CLIENT_URI;
import static health.registration.core.udap.VerifierFixture.COMMUNITY;
import static health.registration.core.udap.VerifierFixture.ENDPOINT;
import static health.registration.core.udap.VerifierFixture.LEAF;
import static health.registration.core.udap.VerifierFixture.PKI;
import static health.registration.core.udap.VerifierFixture.assertRejected;
import static health.registration.core.udap.VerifierFixture.assertVerified;
import static health.registration.core.udap.VerifierFixture.claims;
import static health.registration.core.udap.VerifierFixture.crls;
import static health.registration.core.udap.VerifierFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.RegistrationErrorCode;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Check (c), through the verifier: UDAP DCR §4.2, a PKIX path from x5c[0] to a trust anchor with validity dates and
 * CRL revocation status. Every failure is unapproved_software_statement (UDAP DCR §5.2).
 */
class TrustChainTest {

    private static final RegistrationErrorCode UNAPPROVED = RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT;
    private static final TestPki ROGUE = TestPki.create("rogue");

    private static String signedBy(TestCredential leaf, List<X509Certificate> x5c) {
        return SoftwareStatements.sign(leaf, x5c, claims());
    }

    private static StatementVerdict verify(TestCredential leaf, InMemoryCrlSource crls, RevocationFailureMode mode) {
        return verifier(crls, mode).verify(signedBy(leaf, PKI.chain(leaf)));
    }

    @Test
    void trustsALeafWhoseIntermediateIsInX5c() {
        assertVerified(verify(LEAF, crls(), RevocationFailureMode.REJECT));
    }

    @Test
    void doesNotLookForAnIntermediateMissingFromX5c() {
        // The JDK fetches nothing (no AIA chasing), so a chain without its intermediate leads nowhere.
        assertRejected(verifier().verify(signedBy(LEAF, List.of(LEAF.certificate()))), UNAPPROVED, "trust anchor");
    }

    @Test
    void refusesALeafOfAnUntrustedRootWithoutFetchingItsCrls() {
        TestCredential stranger = ROGUE.rsaLeaf(CLIENT_URI);
        InMemoryCrlSource crls = crls();

        assertRejected(verifier(crls, RevocationFailureMode.REJECT).verify(signedBy(stranger, ROGUE.chain(stranger))),
                UNAPPROVED, "does not lead to a trust anchor");
        assertThat(crls.requests()).isEmpty();
    }

    @Test
    void refusesAStrangerWhoSendsTheTrustedRootAlongInX5c() {
        TestCredential stranger = ROGUE.rsaLeaf(CLIENT_URI);
        List<X509Certificate> x5c = List.of(stranger.certificate(), PKI.intermediate().certificate(),
                PKI.root().certificate());

        assertRejected(verifier().verify(signedBy(stranger, x5c)), UNAPPROVED, "trust anchor");
    }

    @Test
    void refusesAnExpiredLeaf() {
        assertRejected(verify(PKI.expiredLeaf(CLIENT_URI), crls(), RevocationFailureMode.ACCEPT), UNAPPROVED, "expired");
    }

    @Test
    void refusesALeafThatIsNotYetValid() {
        assertRejected(verify(PKI.notYetValidLeaf(CLIENT_URI), crls(), RevocationFailureMode.ACCEPT), UNAPPROVED,
                "not yet valid");
    }

    @Test
    void judgesValidityAtTheClocksInstant() {
        Instant afterExpiry = LEAF.certificate().getNotAfter().toInstant().plusSeconds(1);
        SoftwareStatementVerifier later = new SoftwareStatementVerifier(TrustAnchors.parse(PKI.anchorPem(COMMUNITY)),
                crls(), RevocationFailureMode.ACCEPT, Clock.fixed(afterExpiry, ZoneOffset.UTC), URI.create(ENDPOINT));
        ObjectNode freshClaims = SoftwareStatements.claims(CLIENT_URI, ENDPOINT, afterExpiry);

        assertRejected(later.verify(SoftwareStatements.sign(LEAF, PKI.chain(LEAF), freshClaims)), UNAPPROVED, "expired");
    }

    @Test
    void refusesALeafUnderAnExpiredIntermediate() {
        TestCredential leaf = PKI.expiredIntermediate().issue(PKI.leafSpec(CLIENT_URI));
        List<X509Certificate> x5c = List.of(leaf.certificate(), PKI.expiredIntermediate().certificate());

        assertRejected(verifier(crls(), RevocationFailureMode.ACCEPT).verify(signedBy(leaf, x5c)), UNAPPROVED, "expired");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RevocationFailureMode.class)
    void refusesARevokedLeafInEitherMode(RevocationFailureMode mode) {
        assertRejected(verifier(crls(), mode).verify(revokedLeafStatement()), UNAPPROVED, "revoked");
    }

    private static String revokedLeafStatement() {
        TestCredential revoked = PKI.revokedLeaf();
        return SoftwareStatements.sign(revoked, PKI.chain(revoked),
                SoftwareStatements.claims("https://revoked.alpha.example.com/client", ENDPOINT, TestPki.NOW));
    }

    @Test
    void refusesALeafWhoseCrlIsUnavailableInRejectMode() {
        InMemoryCrlSource unreachable = crls().without(PKI.crlUrl("intermediate"));

        assertRejected(verify(LEAF, unreachable, RevocationFailureMode.REJECT), UNAPPROVED, "revocation status");
    }

    @Test
    void acceptsALeafWhoseCrlIsUnavailableInAcceptMode() {
        InMemoryCrlSource unreachable = crls().without(PKI.crlUrl("intermediate"));

        assertVerified(verify(LEAF, unreachable, RevocationFailureMode.ACCEPT));
    }

    @Test
    void checksTheIntermediateAgainstTheRootsCrlToo() {
        InMemoryCrlSource unreachable = crls().without(PKI.crlUrl("root"));

        assertRejected(verify(LEAF, unreachable, RevocationFailureMode.REJECT), UNAPPROVED, "revocation status");
    }

    @Test
    void treatsALeafWithoutCrlDistributionPointAsUnknownStatus() {
        TestCredential leaf = PKI.leafWithoutCrlDistributionPoint(CLIENT_URI);

        assertRejected(verify(leaf, crls(), RevocationFailureMode.REJECT), UNAPPROVED, "revocation status");
        assertVerified(verify(leaf, crls(), RevocationFailureMode.ACCEPT));
    }

    @Test
    void ignoresACrlPastItsNextUpdate() {
        InMemoryCrlSource stale = crls().with(PKI.crlUrl("intermediate"), PKI.intermediate().crl(
                TestPki.NOW.minus(Duration.ofDays(10)), TestPki.NOW.minus(Duration.ofDays(3))));

        assertRejected(verify(LEAF, stale, RevocationFailureMode.REJECT), UNAPPROVED, "revocation status");
    }

    @Test
    void ignoresACrlUnderTheIssuersNameSignedByAnotherKey() {
        TestAuthority impostor = TestAuthority.root("alpha Intermediate CA", TestKeys.rsa(), TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(1)), PKI.crlUrl("intermediate"));
        assertThat(impostor.certificate().getSubjectX500Principal()).isEqualTo(PKI.intermediate().certificate().getSubjectX500Principal());
        InMemoryCrlSource forged = crls().with(PKI.crlUrl("intermediate"),
                impostor.crl(TestPki.NOW.minus(Duration.ofHours(1)), TestPki.NOW.plus(Duration.ofDays(1))));

        assertRejected(verifier(forged, RevocationFailureMode.REJECT).verify(revokedLeafStatement()), UNAPPROVED,
                "revocation status");
    }

    @Test
    void acceptsTheRevokedLeafOnceItsIssuersCrlNoLongerListsIt() {
        InMemoryCrlSource empty = crls().with(PKI.crlUrl("intermediate"), PKI.emptyIntermediateCrl());

        assertVerified(verifier(empty, RevocationFailureMode.REJECT).verify(revokedLeafStatement()));
    }

    @Test
    void namesTheCommunityWhoseAnchorTheChainEndsAt() {
        TestPki beta = TestPki.create("beta");
        TrustAnchors anchors = TrustAnchors.parse(PKI.anchorPem("urn:example:community:alpha") + "\n"
                + beta.anchorPem("https://beta.example.org/community"));
        InMemoryCrlSource crls = crls().with(beta.crlUrl("root"), beta.rootCrl())
                .with(beta.crlUrl("intermediate"), beta.intermediateCrl());
        SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(anchors, crls, RevocationFailureMode.REJECT,
                VerifierFixture.CLOCK, URI.create(ENDPOINT));
        TestCredential betaLeaf = beta.rsaLeaf(CLIENT_URI);

        assertThat(assertVerified(verifier.verify(signedBy(betaLeaf, beta.chain(betaLeaf)))).community().uri())
                .isEqualTo("https://beta.example.org/community");
        assertThat(assertVerified(verifier.verify(signedBy(LEAF, PKI.chain(LEAF)))).community().uri())
                .isEqualTo("urn:example:community:alpha");
    }

    @Test
    void refusesAStatementSignedWithTheKeyOfACaCertificate() {
        TestCredential intermediate = PKI.intermediate().credential();
        String statement = SoftwareStatements.sign(intermediate, List.of(intermediate.certificate(),
                PKI.root().certificate()), claims());

        assertRejected(verifier().verify(statement), UNAPPROVED, "end-entity certificate");
    }

    @ParameterizedTest(name = "keyUsage {0}")
    @ValueSource(ints = {KeyUsage.keyEncipherment, KeyUsage.nonRepudiation, KeyUsage.keyAgreement})
    void refusesALeafWhoseKeyUsageLacksDigitalSignature(int usage) {
        TestCredential leaf = PKI.intermediate().issue(PKI.leafSpec(CLIENT_URI), usage);

        assertRejected(verify(leaf, crls(), RevocationFailureMode.REJECT), UNAPPROVED, "digitalSignature");
    }

    @Test
    void refusesALeafWithoutKeyUsage() {
        TestCredential leaf = PKI.intermediate().issue(PKI.leafSpec(CLIENT_URI), null);

        assertRejected(verify(leaf, crls(), RevocationFailureMode.REJECT), UNAPPROVED, "digitalSignature");
    }

    @Test
    void acceptsAKeyUsageThatAlsoAllowsOtherUses() {
        TestCredential leaf = PKI.intermediate().issue(PKI.leafSpec(CLIENT_URI),
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment);

        assertVerified(verify(leaf, crls(), RevocationFailureMode.REJECT));
    }

    @Test
    void acceptsAPathOfFiveCertificatesBelowTheAnchor() {
        List<X509Certificate> x5c = deepChain(3);
        assertThat(x5c).as("leaf, three deep CAs and the intermediate").hasSize(5);

        assertVerified(verifier(crls(), RevocationFailureMode.ACCEPT).verify(signedBy(deepLeaf, x5c)));
    }

    @Test
    void refusesAPathOfSixCertificatesBelowTheAnchor() {
        List<X509Certificate> x5c = deepChain(4);
        assertThat(x5c).as("leaf, four deep CAs and the intermediate").hasSize(6);

        // Whole, it is too long to send; cut to five, it cannot reach the anchor.
        assertRejected(verifier(crls(), RevocationFailureMode.ACCEPT).verify(signedBy(deepLeaf, x5c)),
                RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "at most 5 certificates");
        assertRejected(verifier(crls(), RevocationFailureMode.ACCEPT).verify(signedBy(deepLeaf, x5c.subList(0, 5))),
                UNAPPROVED, "does not lead to a trust anchor");
    }

    private TestCredential deepLeaf;

    /** x5c for a leaf under {@code depth} CAs below the fixture's intermediate: leaf first, the intermediate last. */
    private List<X509Certificate> deepChain(int depth) {
        TestAuthority issuer = PKI.intermediate();
        List<X509Certificate> x5c = new java.util.ArrayList<>(List.of(issuer.certificate()));
        for (int level = 1; level <= depth; level++) {
            issuer = issuer.subordinate("Deep CA " + level, TestKeys.rsa(), PKI.now().minus(Duration.ofDays(1)),
                    PKI.now().plus(Duration.ofDays(30)), PKI.crlUrl("deep" + level));
            x5c.add(0, issuer.certificate());
        }
        deepLeaf = issuer.issue(PKI.leafSpec(CLIENT_URI));
        x5c.add(0, deepLeaf.certificate());
        return x5c;
    }

    /** Each reason the JDK's validator may give for a built path, and what the refusal says. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> validatorReasons() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.REVOKED, TrustChain.REVOKED),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS, TrustChain.UNKNOWN_STATUS),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.EXPIRED, TrustChain.OUT_OF_DATE),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID, TrustChain.OUT_OF_DATE),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.INVALID_SIGNATURE, TrustChain.UNTRUSTED),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.CertPathValidatorException.BasicReason.UNSPECIFIED, TrustChain.UNTRUSTED),
                org.junit.jupiter.params.provider.Arguments.of(java.security.cert.PKIXReason.NO_TRUST_ANCHOR, TrustChain.UNTRUSTED));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("validatorReasons")
    void saysWhyAValidatorRefusedTheBuiltPath(java.security.cert.CertPathValidatorException.Reason reason, String refusal) {
        assertThat(TrustChain.describe(reason)).isEqualTo(refusal);
    }
}
