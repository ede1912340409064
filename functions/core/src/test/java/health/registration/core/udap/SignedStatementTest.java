package health.registration.core.udap;

import static health.registration.core.udap.VerifierFixture.CLIENT_URI;
import static health.registration.core.udap.VerifierFixture.LEAF;
import static health.registration.core.udap.VerifierFixture.PKI;
import static health.registration.core.udap.VerifierFixture.assertRejected;
import static health.registration.core.udap.VerifierFixture.assertVerified;
import static health.registration.core.udap.VerifierFixture.claims;
import static health.registration.core.udap.VerifierFixture.statement;
import static health.registration.core.udap.VerifierFixture.verify;
import static health.registration.core.udap.SoftwareStatements.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import health.registration.core.policy.RegistrationErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks (a) and (b), through the verifier: IG STU2 general §7.1.1–7.1.3 (a JWS in compact serialization, the alg
 * list, x5c) and UDAP DCR §4.1 (the signature verifies with the key of x5c[0]). Every failure is
 * invalid_software_statement.
 */
class SignedStatementTest {

    private static final RegistrationErrorCode INVALID = RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT;
    private static final String PAYLOAD = claims().toString();

    private static String signed(ObjectNode header, String payload) {
        return SoftwareStatements.sign(header, payload, LEAF.privateKey(), JWSAlgorithm.RS256);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "not a jwt", "a.b", "a.b.c.d", "a.b.c.d.e", "eyJhbGciOiJSUzI1NiJ9.e30", "a.b.c", "{\"alg\":\"RS256\"}"})
    void refusesWhatIsNotAJwsInCompactSerialization(String text) {
        assertRejected(verify(text), INVALID, "compact serialization");
    }

    @Test
    void refusesAlgNoneWithAnEmptySignature() {
        assertRejected(verify(SoftwareStatements.unsigned(header("none", PKI.chain(LEAF)), PAYLOAD)), INVALID, "signed JWT");
    }

    @Test
    void refusesHs256EvenWithACorrectMac() {
        byte[] secret = "a shared secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8);

        assertRejected(verify(SoftwareStatements.macSigned(header("HS256", PKI.chain(LEAF)), PAYLOAD, secret)), INVALID,
                "RS256, ES256, RS384 or ES384");
    }

    @ParameterizedTest(name = "[{index}] alg {0}")
    @ValueSource(strings = {"HS384", "HS512", "PS256", "RS512", "ES512", "ES256K", "EdDSA", "rs256", "RS256 "})
    void refusesEveryAlgOutsideTheIgsList(String alg) {
        assertRejected(verify(signed(header(alg, PKI.chain(LEAF)), PAYLOAD)), INVALID, "RS256, ES256, RS384 or ES384");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badChains")
    void refusesAnX5cThatIsNotStandardBase64DerCertificates(String reason, Supplier<ObjectNode> header, String phrase) {
        assertRejected(verify(signed(header.get(), PAYLOAD)), INVALID, phrase);
    }

    static Stream<Arguments> badChains() throws Exception {
        String der = Base64.getEncoder().encodeToString(LEAF.certificate().getEncoded());
        String urlSafe = Base64.getUrlEncoder().encodeToString(LEAF.certificate().getEncoded());
        assertThat(urlSafe).as("the leaf's base64 uses + or /").isNotEqualTo(der);
        String mime = Base64.getMimeEncoder().encodeToString(LEAF.certificate().getEncoded());
        String pem = Base64.getEncoder().encodeToString(TestPki.pem(LEAF.certificate()).getBytes(StandardCharsets.US_ASCII));
        byte[] longer = Arrays.copyOf(LEAF.certificate().getEncoded(), LEAF.certificate().getEncoded().length + 2);
        return Stream.of(
                Arguments.of("no x5c", (Supplier<ObjectNode>) () -> header("RS256", List.of()).without("x5c"), "x5c"),
                Arguments.of("an empty x5c", (Supplier<ObjectNode>) () -> header("RS256", List.of()), "x5c"),
                Arguments.of("base64url instead of base64", entries(urlSafe), "x5c"),
                Arguments.of("base64 with line breaks", entries(mime), "x5c"),
                Arguments.of("not a certificate", entries("AAAA"), "x5c"),
                Arguments.of("not base64 at all", entries("**not base64**"), "x5c"),
                Arguments.of("the base64 of a PEM text", entries(pem), "x5c"),
                Arguments.of("DER with trailing bytes", entries(Base64.getEncoder().encodeToString(longer)), "x5c"),
                Arguments.of("a good leaf and a bad intermediate", entries(der, "AAAA"), "x5c"),
                Arguments.of("x5c is a string", (Supplier<ObjectNode>) () -> header("RS256", List.of()).put("x5c", der),
                        "signed JWT"));
    }

    private static Supplier<ObjectNode> entries(String... entries) {
        return () -> {
            ObjectNode header = header("RS256", List.of());
            for (String entry : entries) {
                ((ArrayNode) header.get("x5c")).add(entry);
            }
            return header;
        };
    }

    @Test
    void acceptsAnX5cOfTheLeafAloneWhenTheAnchorIssuedIt() {
        TestCredential direct = PKI.root().issue(PKI.leafSpec(CLIENT_URI).withCrlDistributionPoints(PKI.crlUrl("root")));

        assertVerified(verify(SoftwareStatements.sign(direct, List.of(direct.certificate()), claims())));
    }

    @Test
    void refusesDuplicateClaimsWhichParsersWouldReadDifferently() {
        String duplicated = "{\"iss\":\"https://other.example.com\"," + PAYLOAD.substring(1);

        assertRejected(verify(signed(header("RS256", PKI.chain(LEAF)), duplicated)), INVALID, "duplicate");
        assertVerified(verify(signed(header("RS256", PKI.chain(LEAF)), PAYLOAD)));
    }

    @Test
    void refusesDuplicateHeaderMembers() {
        ObjectNode header = header("RS256", PKI.chain(LEAF));
        String duplicated = "{\"alg\":\"HS256\"," + header.toString().substring(1);
        String text = SoftwareStatements.assemble(duplicated, PAYLOAD, "c2ln");

        // Nimbus refuses it already; the verifier's own check guards against a parser that keeps the last member.
        assertRejected(verify(text), INVALID, "software_statement");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[1,2]", "\"claims\"", "null", "{} {}", "{\"iss\":", ""})
    void refusesClaimsThatAreNotOneJsonObject(String payload) {
        assertRejected(verify(signed(header("RS256", PKI.chain(LEAF)), payload)), INVALID, "one JSON object");
    }

    @Test
    void refusesClaimsThatAreNotUtf8() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                header("RS256", PKI.chain(LEAF)).toString().getBytes(StandardCharsets.UTF_8));
        String latin1 = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"client_name\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));

        assertRejected(verify(header + "." + latin1 + ".c2ln"), INVALID, "UTF-8");
    }

    @Test
    void refusesASignatureByAnotherKeyThanX5c0LikeInferno() {
        // Inferno x.2.02: valid claims and the real chain, signed with a fresh RSA-2048 key.
        String statement = SoftwareStatements.sign(header("RS256", PKI.chain(LEAF)), PAYLOAD,
                TestKeys.rsa().getPrivate(), JWSAlgorithm.RS256);

        assertRejected(verify(statement), INVALID, "signature does not verify");
    }

    @Test
    void refusesAStatementWhosePayloadChangedAfterSigning() {
        String[] parts = statement(claims()).split("\\.");
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().put("scope", "system/*.*").toString().getBytes(StandardCharsets.UTF_8));

        assertRejected(verify(parts[0] + "." + other + "." + parts[2]), INVALID, "signature does not verify");
    }

    @Test
    void refusesAnRsaKeyShorterThan2048Bits() {
        TestCredential weak = PKI.leaf(PKI.leafSpec(CLIENT_URI).withKeys(TestKeys.rsa(1024)));

        assertRejected(verify(SoftwareStatements.sign(weak, PKI.chain(weak), claims())), INVALID, "at least 2048 bits");
    }

    @ParameterizedTest(name = "[{index}] {0} header with a {1} key")
    @MethodSource("misfits")
    void refusesAnAlgThatDoesNotFitTheKeyOfX5c0(String alg, String keyKind, TestCredential leaf, JWSAlgorithm signAs) {
        String statement = SoftwareStatements.sign(header(alg, PKI.chain(leaf)), PAYLOAD, leaf.privateKey(), signAs);

        assertRejected(verify(statement), INVALID, "does not fit the key");
    }

    static Stream<Arguments> misfits() {
        TestCredential p256 = PKI.ecLeaf(TestKeys.P256, CLIENT_URI);
        TestCredential p384 = PKI.ecLeaf(TestKeys.P384, CLIENT_URI);
        return Stream.of(
                Arguments.of("ES256", "RSA", LEAF, JWSAlgorithm.RS256),
                Arguments.of("RS256", "P-256", p256, JWSAlgorithm.ES256),
                Arguments.of("ES384", "P-256", p256, JWSAlgorithm.ES256),
                Arguments.of("ES256", "P-384", p384, JWSAlgorithm.ES384));
    }

    @Test
    void refusesAnX5cOfSixCertificatesBeforeDecodingThem() {
        ObjectNode header = header("RS256", PKI.chain(LEAF));
        ArrayNode x5c = (ArrayNode) header.get("x5c");
        while (x5c.size() < 6) {
            x5c.add("not even base64 **");
        }

        assertRejected(verify(signed(header, PAYLOAD)), INVALID, "x5c must hold at most 5 certificates");
    }

    @Test
    void acceptsAnX5cOfFiveCertificates() {
        List<java.security.cert.X509Certificate> five = new java.util.ArrayList<>(PKI.chain(LEAF));
        while (five.size() < 5) {
            five.add(PKI.root().certificate());
        }

        assertVerified(verify(SoftwareStatements.sign(LEAF, five, claims())));
    }

    @Test
    void refusesANumberOfTenThousandDigitsWithinTheLimitsOfARequestBody() {
        // A 100,000-digit number makes the statement longer than any request body: see the length test below.
        String payload = "{\"exp\":" + "9".repeat(10_000) + "," + PAYLOAD.substring(1);

        assertRejected(verify(signed(header("RS256", PKI.chain(LEAF)), payload)), INVALID, "no number longer than 100");
    }

    @Test
    void refusesClaimsNestedDeeperThanARequestBody() {
        String deep = "[".repeat(17) + "]".repeat(17);

        assertRejected(verify(signed(header("RS256", PKI.chain(LEAF)), "{\"x\":" + deep + "," + PAYLOAD.substring(1))),
                INVALID, "16 deep");
        assertVerified(verify(signed(header("RS256", PKI.chain(LEAF)),
                "{\"x\":" + "[".repeat(15) + "]".repeat(15) + "," + PAYLOAD.substring(1))));
    }

    @Test
    void refusesAHeaderNestedDeeperThanARequestBody() {
        ObjectNode header = header("RS256", PKI.chain(LEAF));
        String deep = "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "," + header.toString().substring(1);

        assertRejected(verify(SoftwareStatements.assemble(deep, PAYLOAD, "c2ln")), INVALID, "header must be a JSON object");
    }

    @Test
    void refusesAStatementLongerThanARequestBodyBeforeDecodingIt() {
        String longer = signed(header("RS256", PKI.chain(LEAF)),
                "{\"exp\":" + "9".repeat(100_000) + "," + PAYLOAD.substring(1));

        assertRejected(verify(longer), INVALID, "at most 65536 characters");
    }
}
