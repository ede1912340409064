package health.registration.core.udap;

import static health.registration.core.udap.VerifierFixture.CLIENT_URI;
import static health.registration.core.udap.VerifierFixture.ENDPOINT;
import static health.registration.core.udap.VerifierFixture.PKI;
import static health.registration.core.udap.VerifierFixture.assertRejected;
import static health.registration.core.udap.VerifierFixture.assertVerified;
import static health.registration.core.udap.VerifierFixture.claims;
import static health.registration.core.udap.VerifierFixture.statement;
import static health.registration.core.udap.VerifierFixture.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.RegistrationErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Check (d), through the verifier: UDAP DCR §4.3 with the IG STU2 registration §3.1 claim table. Each row changes one
 * claim of a valid statement (signed, trusted) and names the phrase of the refusal, or none when it is accepted.
 * Every refusal is invalid_software_statement. The clock stands at {@link TestPki#NOW}.
 */
class StatementClaimsTest {

    private static final long NOW = TestPki.NOW.getEpochSecond();

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void judgesTheClaims(String reason, UnaryOperator<ObjectNode> change, String phrase) {
        StatementVerdict verdict = verify(statement(change.apply(claims())));

        if (phrase == null) {
            assertVerified(verdict);
        } else {
            assertRejected(verdict, RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, phrase);
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("the valid statement", c -> c, null),
                // iss: a SAN URI of x5c[0], compared exactly (IG STU2 general §7.1.5)
                row("iss not in the SAN, like Inferno's invalid_iss", c -> c.put("iss", "invalid_iss").put("sub", "invalid_iss"), "iss must be one of"),
                row("iss in another case", c -> both(c, CLIENT_URI.toUpperCase()), "iss must be one of"),
                row("iss with a trailing slash", c -> both(c, CLIENT_URI + "/"), "iss must be one of"),
                row("iss missing", c -> c.without("iss"), "iss must be one of"),
                row("iss a number", c -> c.put("iss", 42), "iss must be one of"),
                row("iss an array holding the SAN URI", c -> c.set("iss", c.arrayNode().add(CLIENT_URI)), "iss must be one of"),
                // sub == iss
                row("sub differs from iss", c -> c.put("sub", "https://app.example.com/other"), "sub must equal its iss"),
                row("sub missing", c -> c.without("sub"), "sub must equal its iss"),
                row("sub in another case", c -> c.put("sub", CLIENT_URI.toUpperCase()), "sub must equal its iss"),
                // aud: the registration endpoint, alone or in an array
                row("aud another URL", c -> c.put("aud", "https://fhir.example.org/oauth/token"), "aud must be"),
                row("aud with a trailing slash", c -> c.put("aud", ENDPOINT + "/"), "aud must be"),
                // The FHIR base URL (iss of our signed metadata) is where clients discover, not where they register.
                row("aud the FHIR base URL", c -> c.put("aud", "https://fhir.example.org/r4"), "aud must be"),
                row("aud the discovery URL", c -> c.put("aud", "https://fhir.example.org/r4/.well-known/udap"), "aud must be"),
                row("aud an array containing the endpoint", c -> c.set("aud", c.arrayNode().add("https://x.example.org").add(ENDPOINT)), null),
                row("aud an array without the endpoint", c -> c.set("aud", c.arrayNode().add("https://x.example.org")), "aud must be"),
                row("aud an empty array", c -> c.set("aud", c.arrayNode()), "aud must be"),
                row("aud missing", c -> c.without("aud"), "aud must be"),
                // exp and iat: numbers, unexpired, exp > iat, at most 300 s, iat not ahead by more than 60 s
                row("exp in the past", c -> times(c, NOW - 100, NOW - 1), "has expired"),
                row("exp exactly now", c -> times(c, NOW - 100, NOW), "has expired"),
                row("exp - iat = 300", c -> times(c, NOW - 1, NOW + 299), null),
                row("exp - iat = 301", c -> times(c, NOW - 1, NOW + 300), "no more than 300 seconds"),
                row("exp equal to iat", c -> times(c, NOW + 10, NOW + 10), "later than its iat"),
                row("exp before iat", c -> times(c, NOW + 20, NOW + 10), "later than its iat"),
                row("iat 59 s in the future", c -> times(c, NOW + 59, NOW + 359), null),
                row("iat 60 s in the future", c -> times(c, NOW + 60, NOW + 360), null),
                row("iat 61 s in the future", c -> times(c, NOW + 61, NOW + 361), "iat must not be in the future"),
                // exp, iat, nbf: JSON integers within a long, before any arithmetic (policy section 8)
                row("exp as a string", c -> c.put("exp", String.valueOf(NOW + 300)), "exp is required and must be a whole number"),
                row("iat as a string", c -> c.put("iat", String.valueOf(NOW)), "iat is required and must be a whole number"),
                row("exp missing", c -> c.without("exp"), "exp is required"),
                row("iat missing", c -> c.without("iat"), "iat is required"),
                row("nbf now", c -> c.put("nbf", NOW), null),
                row("nbf 60 s in the future, the allowed clock skew", c -> c.put("nbf", NOW + 60), null),
                row("nbf 61 s in the future", c -> c.put("nbf", NOW + 61), "nbf"),
                row("nbf as a string", c -> c.put("nbf", String.valueOf(NOW)), "nbf, when present, must be a whole number"),
                row("exp a boolean", c -> c.put("exp", true), "exp is required and must be a whole number"),
                row("exp 1e999999999, which exact arithmetic cannot afford", c -> c.put("exp", new BigDecimal("1e999999999")), "exp is required and must be a whole number"),
                row("iat -1e999999999", c -> c.put("iat", new BigDecimal("-1e999999999")), "iat is required and must be a whole number"),
                row("nbf 1e999999999", c -> c.put("nbf", new BigDecimal("1e999999999")), "nbf, when present, must be a whole number"),
                row("exp beyond a long", c -> c.put("exp", new BigInteger("9223372036854775808")), "exp is required and must be a whole number"),
                row("exp the largest long, long after iat", c -> c.put("exp", Long.MAX_VALUE), "no more than 300 seconds"),
                row("iat the smallest long", c -> c.put("iat", Long.MIN_VALUE), "no more than 300 seconds"),
                row("exp with a fraction", c -> c.put("exp", new BigDecimal((NOW + 300) + ".25")), "exp is required and must be a whole number"),
                row("iat with a zero fraction", c -> c.put("iat", new BigDecimal(NOW + ".0")), "iat is required and must be a whole number"),
                // jti: a non-empty string
                row("jti missing", c -> c.without("jti"), "jti must be a non-empty string"),
                row("jti empty", c -> c.put("jti", ""), "jti must be a non-empty string"),
                row("jti a number", c -> c.put("jti", 12345), "jti must be a non-empty string"),
                row("jti null", c -> c.putNull("jti"), "jti must be a non-empty string"),
                row("jti an object", c -> c.set("jti", c.objectNode().put("id", "x")), "jti must be a non-empty string"));
    }

    private static Arguments row(String reason, UnaryOperator<ObjectNode> change, String phrase) {
        return Arguments.of(reason, change, phrase);
    }

    private static ObjectNode both(ObjectNode claims, String issuer) {
        return claims.put("iss", issuer).put("sub", issuer);
    }

    private static ObjectNode times(ObjectNode claims, long iat, long exp) {
        return claims.put("iat", iat).put("exp", exp);
    }

    @Test
    void acceptsAnyOfTheLeafsSanUrisAsIss() {
        String second = "https://app.example.com/udap/second";
        TestCredential leaf = PKI.rsaLeaf(CLIENT_URI, second);
        ObjectNode claims = both(claims(), second);

        VerifiedStatement verified = assertVerified(verify(SoftwareStatements.sign(leaf, PKI.chain(leaf), claims)));

        assertThat(verified.issuer()).isEqualTo(second);
    }

    @Test
    void refusesEveryIssWhenTheLeafHasNoSanUri() {
        TestCredential leaf = PKI.rsaLeaf();

        assertRejected(verify(SoftwareStatements.sign(leaf, PKI.chain(leaf), claims())),
                RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "iss must be one of");
    }

    @Test
    void reportsExpiryAsSent() {
        ObjectNode claims = claims().put("iat", NOW).put("exp", NOW + 300);

        assertThat(assertVerified(verify(statement(claims))).expiresAt()).isEqualTo(Instant.ofEpochSecond(NOW + 300));
    }
}
