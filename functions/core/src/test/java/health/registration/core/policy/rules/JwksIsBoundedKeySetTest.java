package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: jwks is a JWK Set of 1 to 10 RSA or EC keys, counted before any key is parsed. */
class JwksIsBoundedKeySetTest {

    private static final Rule RULE = new JwksIsBoundedKeySet();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON, $KEY: a generated key)          | field          | code                    | severity | phrase                                   | reason
        {"keys": [$RSA2048]}                           |                |                         |          |                                          | one public RSA key
        {"keys": [$RSA2048, $P256, $P384]}             |                |                         |          |                                          | several keys, during a rotation
        {"keys": [$OCT]}                               |                |                         |          |                                          | a symmetric key is the public-keys rule's
        {"keys": [$RSA1024]}                           |                |                         |          |                                          | a weak key is the strength rule's
        "not an object"                                |                |                         |          |                                          | a string is left to the type rule
        {}                                             | /jwks          | INVALID_CLIENT_METADATA | ERROR    | jwks must be a JWK Set                   | no keys member
        $P256                                          | /jwks          | INVALID_CLIENT_METADATA | ERROR    | jwks must be a JWK Set                   | a single JWK, not a set
        {"keys": {}}                                   | /jwks          | INVALID_CLIENT_METADATA | ERROR    | an object whose keys member is an array  | keys is not an array
        {"keys": []}                                   | /jwks/keys     | INVALID_CLIENT_METADATA | ERROR    | jwks/keys must hold 1 to 10 keys         | an empty set
        {"keys": ["x"]}                                | /jwks/keys/0   | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/0 is not a JSON Web Key        | an entry is not an object
        {"keys": [$P256, {"kty": "RSA", "n": "AQAB"}]} | /jwks/keys/1   | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/1 is not a JSON Web Key        | an RSA key without its exponent
        {"keys": [{"kty": "EC", "crv": "P-256", "x": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "y": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]} | /jwks/keys/0 | INVALID_CLIENT_METADATA | ERROR | is not a JSON Web Key | an EC point off its curve
        {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "x5c": ["bm90IGEgY2VydA=="]}]} | /jwks/keys/0 | INVALID_CLIENT_METADATA | ERROR | is not a JSON Web Key | an x5c that is no certificate
        {"keys": [$ED25519]}                           | /jwks/keys/0/kty | INVALID_CLIENT_METADATA | ERROR  | must be a key of type RSA or EC          | an Ed25519 key (RFC 8037)
        {"keys": [$P256, $UNKNOWN_KTY]}                | /jwks/keys/1/kty | INVALID_CLIENT_METADATA | ERROR  | jwks/keys/1 must be a key of type RSA or EC | a key type the JOSE library skips
        """)
    void judgesTheShapeOfTheSet(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(JwksRows.with("jwks", value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }

    @ParameterizedTest(name = "{0} keys")
    @CsvSource({"1, false", "10, false", "11, true", "1000, true"})
    void holdsAtMostTenKeys(int count, boolean refused) {
        var found = RULE.check(JwksRows.with("jwks", TestJwks.setOfP256(count)), ValidMetadata.CONTEXT);

        if (refused) {
            assertThat(found).singleElement().extracting(Violation::field).isEqualTo("/jwks/keys");
        } else {
            assertThat(found).isEmpty();
        }
    }

    @Test
    void countsKeysOfTypesTheJoseLibrarySkips() {
        String tenGoodAndOneUnknown = TestJwks.setOfP256(10).replace("]}", ", " + TestJwks.expand("$UNKNOWN_KTY") + "]}");

        assertThat(RULE.check(JwksRows.with("jwks", tenGoodAndOneUnknown), ValidMetadata.CONTEXT)).as("11 keys")
                .extracting(Violation::field).containsExactly("/jwks/keys");
    }
}
