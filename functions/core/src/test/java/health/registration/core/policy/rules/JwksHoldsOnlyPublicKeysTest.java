package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: jwks never holds a symmetric key or the private members of an RSA or EC key. */
class JwksHoldsOnlyPublicKeysTest {

    private static final Rule RULE = new JwksHoldsOnlyPublicKeys();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON, $KEY: a generated key)                  | field              | code                    | severity | phrase                                   | reason
        {"keys": [$RSA2048, $P256]}                            |                    |                         |          |                                          | public keys pass
        {"keys": [$RSA1024]}                                   |                    |                         |          |                                          | a weak public key is the strength rule's
        {"keys": [$P256, $P384, $RSA2048_PRIVATE]}             | /jwks/keys/2/d     | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/2 holds private key material   | an RSA private key, named by its first private member
        {"keys": [$P256_PRIVATE]}                              | /jwks/keys/0/d     | INVALID_CLIENT_METADATA | ERROR    | replace the exposed key                  | an EC private key
        {"keys": [$OCT]}                                       | /jwks/keys/0/kty   | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/0 is a symmetric key           | a symmetric key is a secret
        {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "p": "AQ"}]} | /jwks/keys/0/p | INVALID_CLIENT_METADATA | ERROR | holds private key material (p)    | a prime factor alone
        {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "qi": "AQ"}]} | /jwks/keys/0/qi | INVALID_CLIENT_METADATA | ERROR | holds private key material (qi) | a CRT coefficient alone
        {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "oth": []}]} | /jwks/keys/0/oth | INVALID_CLIENT_METADATA | ERROR | holds private key material (oth) | other primes info
        {"keys": [{"kty": "EC", "k": "c2VjcmV0"}]}             | /jwks/keys/0/k     | INVALID_CLIENT_METADATA | ERROR    | holds private key material (k)           | a symmetric key value under another type
        """)
    void refusesPrivateAndSymmetricKeys(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(JwksRows.with("jwks", value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }

    @Test
    void reportsEveryPrivateKeyOfTheSet() {
        List<Violation> found = RULE.check(JwksRows.with("jwks", "{\"keys\": [$OCT, $P256, $RSA2048_PRIVATE]}"), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/jwks/keys/0/kty", "/jwks/keys/2/d");
    }

    @Test
    void neverEchoesKeyMaterialInTheDescription() {
        String privateKey = TestJwks.expand("$RSA2048_PRIVATE");
        String d = privateKey.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");

        List<Violation> found = RULE.check(JwksRows.with("jwks", "{\"keys\": [" + privateKey + "]}"), ValidMetadata.CONTEXT);

        assertThat(d).hasSizeGreaterThan(100);
        assertThat(found).singleElement().extracting(Violation::description).asString().doesNotContain(d);
    }
}
