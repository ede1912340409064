package health.registration.core.udap;

import static health.registration.core.udap.VerifierFixture.CLIENT_URI;
import static health.registration.core.udap.VerifierFixture.COMMUNITY;
import static health.registration.core.udap.VerifierFixture.ENDPOINT;
import static health.registration.core.udap.VerifierFixture.LEAF;
import static health.registration.core.udap.VerifierFixture.PKI;
import static health.registration.core.udap.VerifierFixture.assertRejected;
import static health.registration.core.udap.VerifierFixture.assertVerified;
import static health.registration.core.udap.VerifierFixture.claims;
import static health.registration.core.udap.VerifierFixture.statement;
import static health.registration.core.udap.VerifierFixture.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.policy.RegistrationErrorCode;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier's verdicts as a whole (UDAP DCR §4): what a verified statement carries, and the order of checks. */
class SoftwareStatementVerifierTest {

    @Test
    void verifiesAStatementWhoseChainReachesTheAnchorThroughTheIntermediateInX5c() {
        InMemoryCrlSource crls = VerifierFixture.crls();
        ObjectNode claims = claims();
        String statement = statement(claims);

        VerifiedStatement verified = assertVerified(VerifierFixture.verifier(crls, RevocationFailureMode.REJECT).verify(statement));

        assertThat(verified.softwareStatement()).isEqualTo(statement);
        assertThat(verified.issuer()).isEqualTo(CLIENT_URI);
        assertThat(verified.jti()).isEqualTo(claims.get("jti").textValue());
        assertThat(verified.expiresAt()).isEqualTo(TestPki.NOW.plusSeconds(300));
        assertThat(verified.community().uri()).isEqualTo(COMMUNITY);
        assertThat(verified.community().anchor()).isEqualTo(PKI.root().certificate());
        assertThat(verified.certificate()).isEqualTo(LEAF.certificate());
        assertThat(verified.claims().toString()).isEqualTo(claims.toString());
        // Each certificate below the anchor had its CRL looked up: the leaf's (intermediate.crl), then the intermediate's.
        assertThat(crls.requests()).containsExactly(URI.create(PKI.crlUrl("intermediate")), URI.create(PKI.crlUrl("root")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void acceptsEachSignatureAlgorithmTheIgNames(JWSAlgorithm alg, TestCredential leaf) {
        String statement = SoftwareStatements.sign(SoftwareStatements.header(alg.getName(), PKI.chain(leaf)),
                claims().toString(), leaf.privateKey(), alg);

        assertThat(assertVerified(verify(statement)).certificate()).isEqualTo(leaf.certificate());
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(
                Arguments.of(JWSAlgorithm.RS256, LEAF), // IG STU2 general §7.1.2: SHALL
                Arguments.of(JWSAlgorithm.ES256, PKI.ecLeaf(TestKeys.P256, CLIENT_URI)), // SHOULD
                Arguments.of(JWSAlgorithm.RS384, PKI.rsaLeaf(CLIENT_URI)), // MAY
                Arguments.of(JWSAlgorithm.ES384, PKI.ecLeaf(TestKeys.P384, CLIENT_URI))); // MAY
    }

    /** IG STU2 §2.2: only the algorithms registration_endpoint_jwt_signing_alg_values_supported advertises. */
    @Test
    void refusesAnAlgorithmTheMetadataDoesNotAdvertise() {
        SoftwareStatementVerifier rs256Only = VerifierFixture.verifier().withSigningAlgorithms(List.of("RS256"));
        TestCredential ec = PKI.ecLeaf(TestKeys.P256, CLIENT_URI);
        String es256 = SoftwareStatements.sign(SoftwareStatements.header("ES256", PKI.chain(ec)), claims().toString(),
                ec.privateKey(), JWSAlgorithm.ES256);

        assertRejected(rs256Only.verify(es256), RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT,
                "registration_endpoint_jwt_signing_alg_values_supported");
        assertVerified(rs256Only.verify(statement(claims())));
    }

    @Test
    void bindsTheClientToIssuerCommunityCertificateAndThumbprint() throws Exception {
        VerifiedStatement verified = assertVerified(verify(statement(claims())));

        CertificateBinding binding = verified.binding();

        byte[] der = LEAF.certificate().getEncoded();
        assertThat(binding.issuer()).isEqualTo(CLIENT_URI);
        assertThat(binding.community()).isEqualTo(COMMUNITY);
        assertThat(Base64.getDecoder().decode(binding.certificate())).isEqualTo(der);
        assertThat(binding.thumbprint()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
        assertThat(binding.thumbprint()).hasSize(43).doesNotContain("=", "+", "/");
    }

    @Test
    void keepsTheClaimsExactlyAsSentMemberOrderArrayOrderAndNumbers() {
        long now = TestPki.NOW.getEpochSecond();
        String payload = "{\"scope\":\"system/Patient.rs system/Observation.rs\",\"jti\":\"j-1\",\"grant_types\":"
                + "[\"client_credentials\"],\"iat\":" + now + ",\"contacts\":[\"mailto:z@app.example.com\","
                + "\"mailto:a@app.example.com\"],\"aud\":[\"https://other.example.org\",\"" + ENDPOINT + "\"],\"sub\":\""
                + CLIENT_URI + "\",\"exp\":" + (now + 300) + ",\"weight\":1.50,\"nested\":{\"b\":[3,1,2],\"a\":null},"
                + "\"iss\":\"" + CLIENT_URI + "\"}";
        String statement = SoftwareStatements.sign(SoftwareStatements.header("RS256", PKI.chain(LEAF)), payload,
                LEAF.privateKey(), JWSAlgorithm.RS256);

        VerifiedStatement verified = assertVerified(verify(statement));

        assertThat(verified.claims().toString()).isEqualTo(payload);
        assertThat(verified.claims().fieldNames()).toIterable().containsExactly("scope", "jti", "grant_types", "iat",
                "contacts", "aud", "sub", "exp", "weight", "nested", "iss");
    }

    @Test
    void handsOutCopiesOfTheClaimsSoAVerdictCannotBeChanged() {
        VerifiedStatement verified = assertVerified(verify(statement(claims())));

        verified.claims().put("iss", "https://someone.else.example.com");

        assertThat(verified.claims().get("iss").textValue()).isEqualTo(CLIENT_URI);
    }

    @Test
    void reportsTheFirstFailingCheckInUdapOrderSignatureBeforeTrustBeforeClaims() {
        TestPki rogue = TestPki.create("rogue");
        TestCredential untrusted = rogue.rsaLeaf(CLIENT_URI);
        ObjectNode badClaims = claims().put("iss", "invalid_iss");
        String untrustedWithBadClaims = SoftwareStatements.sign(untrusted, rogue.chain(untrusted), badClaims);
        String untrustedSignedByAnotherKey = SoftwareStatements.sign(SoftwareStatements.header("RS256", rogue.chain(untrusted)),
                badClaims.toString(), LEAF.privateKey(), JWSAlgorithm.RS256);

        assertRejected(verify(untrustedSignedByAnotherKey), RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "signature");
        assertRejected(verify(untrustedWithBadClaims), RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT, "trust anchor");
        assertRejected(verify(statement(badClaims)), RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "iss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revealingClaims")
    void neverRepeatsClaimValuesInItsDescriptions(String claim, String value) {
        ObjectNode claims = claims().put(claim, value);
        if (claim.equals("iss")) {
            claims.put("sub", value);
        }

        StatementVerdict.Rejected rejected = assertRejected(verify(statement(claims)),
                RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, claim);

        assertThat(rejected.description()).doesNotContain(value).doesNotContain("<", ">");
    }

    static Stream<Arguments> revealingClaims() {
        return Stream.of(
                Arguments.of("iss", "invalid_iss"), // Inferno x.2.01
                Arguments.of("iss", "<script>alert(1)</script>"),
                Arguments.of("sub", "https://attacker.example.com/<b>"),
                Arguments.of("aud", "https://fhir.example.org/oauth/register/<img>"));
    }

    @Test
    void refusesEveryStatementWhenNoTrustCommunityIsConfigured() {
        SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(TrustAnchors.parse(""),
                VerifierFixture.crls(), RevocationFailureMode.ACCEPT, VerifierFixture.CLOCK, URI.create(ENDPOINT));

        assertRejected(verifier.verify(statement(claims())), RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT,
                "no trust community");
    }

    @Test
    void judgesEverythingAtTheClocksInstant() {
        Instant later = TestPki.NOW.plusSeconds(3600);
        SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(TrustAnchors.parse(PKI.anchorPem(COMMUNITY)),
                VerifierFixture.crls(), RevocationFailureMode.REJECT, Clock.fixed(later, ZoneOffset.UTC),
                URI.create(ENDPOINT));

        assertVerified(verifier.verify(statement(SoftwareStatements.claims(CLIENT_URI, ENDPOINT, later))));
        assertRejected(verifier.verify(statement(claims())), RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "expired");
    }

    /**
     * Policy section 8: out-of-bounds input is refused before costly work, well within the 100 ms a refusal may take.
     * The bound is on the mean of many refusals, and generous: a refusal takes about a millisecond here.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBounds")
    void refusesOutOfBoundsInputWellWithin100MillisecondsEach(String reason, String statement, RegistrationErrorCode code) {
        SoftwareStatementVerifier verifier = VerifierFixture.verifier();
        verifier.verify(statement);
        int rounds = 50;

        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(verifier.verify(statement)).isEqualTo(verifier.verify(statement))
                    .isInstanceOf(StatementVerdict.Rejected.class)
                    .extracting(verdict -> ((StatementVerdict.Rejected) verdict).code()).isEqualTo(code);
        }
        double meanMillis = (System.nanoTime() - started) / 1e6 / (2 * rounds);

        assertThat(meanMillis).as("mean milliseconds per refusal").isLessThan(100);
    }

    static Stream<Arguments> outOfBounds() {
        TestCredential ca = PKI.intermediate().credential();
        java.util.List<java.security.cert.X509Certificate> six = new java.util.ArrayList<>(PKI.chain(LEAF));
        while (six.size() < 6) {
            six.add(PKI.root().certificate());
        }
        String digits = "{\"exp\":" + "9".repeat(10_000) + "," + claims().toString().substring(1);
        return Stream.of(
                Arguments.of("exp 1e999999999", statement(claims().put("exp", new java.math.BigDecimal("1e999999999"))),
                        RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT),
                Arguments.of("six certificates in x5c", SoftwareStatements.sign(LEAF, six, claims()),
                        RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT),
                Arguments.of("signed by a CA", SoftwareStatements.sign(ca, java.util.List.of(ca.certificate(),
                        PKI.root().certificate()), claims()), RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT),
                Arguments.of("a number of 10,000 digits", SoftwareStatements.sign(SoftwareStatements.header("RS256",
                        PKI.chain(LEAF)), digits, LEAF.privateKey(), JWSAlgorithm.RS256),
                        RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT));
    }
}
