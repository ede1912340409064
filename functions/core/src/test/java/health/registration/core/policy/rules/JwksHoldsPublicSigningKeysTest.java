package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7591 §2 jwks and jwks_uri of private_key_jwt clients: 1 to 10 public signing keys, RSA of at least 2,048 bits or
 * EC on P-256 or P-384, never a private key; jwks_uri on https, a public DNS name and the default port. Keys are
 * written as placeholders ({@code $RSA2048}) that {@link TestJwks} fills in.
 */
class JwksHoldsPublicSigningKeysTest {

    private static final Rule RULE = new JwksHoldsPublicSigningKeys();

    private static ClientMetadata withKeys(String member, String jsonValue) {
        ObjectNode json = ValidMetadata.json();
        json.put("token_endpoint_auth_method", "private_key_jwt");
        return ClientMetadata.of(ValidMetadata.set(json, member, TestJwks.expand(jsonValue)));
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member | value (JSON, $KEY: a generated key)              | field | code                    | severity | phrase                                                              | reason
        jwks     | {"keys": [$RSA2048]}                             |       |                         |          |                                                                     | a public RSA key of 2,048 bits
        jwks     | {"keys": [$P256]}                                |       |                         |          |                                                                     | a public EC key on P-256
        jwks     | {"keys": [$P384]}                                |       |                         |          |                                                                     | a public EC key on P-384
        jwks     | {"keys": [$P256_SIG]}                            |       |                         |          |                                                                     | a key marked for signatures
        jwks     | {"keys": [$RSA2048, $P256, $P384]}               |       |                         |          |                                                                     | several keys, during a rotation
        jwks     | "not an object"                                  |       |                         |          |                                                                     | a string is left to the type rule
        jwks     | {"keys": [$RSA1024]}                             | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks keys must be RSA of at least 2048 bits or EC on P-256 or P-384 | RSA of 1,024 bits
        jwks     | {"keys": [$P256, $P521]}                         | /jwks | INVALID_CLIENT_METADATA | ERROR    | must be RSA of at least 2048 bits or EC on P-256 or P-384           | EC on P-521, even beside a good key
        jwks     | {"keys": [$ED25519]}                             | /jwks | INVALID_CLIENT_METADATA | ERROR    | must be RSA of at least 2048 bits or EC on P-256 or P-384           | an Ed25519 key (RFC 8037)
        jwks     | {"keys": [$RSA2048_PRIVATE]}                     | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks holds a private key; send only public keys, and replace the exposed key | an RSA private key
        jwks     | {"keys": [$P256_PRIVATE]}                        | /jwks | INVALID_CLIENT_METADATA | ERROR    | holds a private key                                                 | an EC private key
        jwks     | {"keys": [$OCT]}                                 | /jwks | INVALID_CLIENT_METADATA | ERROR    | holds a private key                                                 | a symmetric key is a secret
        jwks     | {"keys": [$P256_ENC]}                            | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks holds a key whose use is not sig                               | a key for encryption
        jwks     | {"keys": [$P256, $UNKNOWN_KTY]}                  | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks holds a key of a type other than RSA or EC                     | a key type the JOSE library skips must not pass unchecked
        jwks     | {"keys": []}                                     | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks must hold 1 to 10 keys                                         | an empty set
        jwks     | {}                                               | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks is not a JWK Set (RFC 7517 section 5)                          | no keys member
        jwks     | $P256                                            | /jwks | INVALID_CLIENT_METADATA | ERROR    | is not a JWK Set                                                    | a single JWK, not a set
        jwks     | {"keys": {}}                                     | /jwks | INVALID_CLIENT_METADATA | ERROR    | is not a JWK Set                                                    | keys is not an array
        jwks     | {"keys": ["x"]}                                  | /jwks | INVALID_CLIENT_METADATA | ERROR    | is not a JWK Set                                                    | an entry is not an object
        jwks     | {"keys": [{"kty": "RSA", "n": "AQAB"}]}           | /jwks | INVALID_CLIENT_METADATA | ERROR    | is not a JWK Set                                                    | an RSA key without its exponent
        jwks_uri | "https://app.example.com/jwks.json"              |       |                         |          |                                                                     | an https URL on a public name
        jwks_uri | "https://keys.example.org/.well-known/jwks"      |       |                         |          |                                                                     | on another domain (not probed at registration)
        jwks_uri | 5                                                |       |                         |          |                                                                     | a number is left to the type rule
        jwks_uri | "http://app.example.com/jwks.json"               | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | jwks_uri must be an https URL without user information, fragment or port | plain http
        jwks_uri | "https://app.example.com:8443/jwks.json"         | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | without user information, fragment or port                        | another port
        jwks_uri | "https://app.example.com:443/jwks.json"          | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | without user information, fragment or port                        | the default port written out
        jwks_uri | "https://app.example.com/jwks.json#keys"         | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | without user information, fragment or port                        | a fragment
        jwks_uri | "https://user@app.example.com/jwks.json"         | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | without user information, fragment or port                        | user information
        jwks_uri | "com.example.app:/jwks"                          | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must be an https URL                                              | a private-use scheme
        jwks_uri | "jwks.json"                                      | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must be an https URL                                              | a relative reference
        jwks_uri | "https://203.0.113.10/jwks.json"                 | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | jwks_uri must name its host by a public DNS name                  | an IPv4 address
        jwks_uri | "https://[2001:db8::1]/jwks.json"                | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must name its host by a public DNS name                           | an IPv6 address
        jwks_uri | "https://169.254.169.254/latest/meta-data"       | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must name its host by a public DNS name                           | the cloud metadata address
        jwks_uri | "https://localhost/jwks.json"                    | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must name its host by a public DNS name                           | localhost
        jwks_uri | "https://metadata.google.internal/jwks.json"     | /jwks_uri | INVALID_CLIENT_METADATA | ERROR | must name its host by a public DNS name                           | a private-use name
        """)
    void judgesKeysAndWhereTheyLive(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                    String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(withKeys(member, value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }

    @ParameterizedTest(name = "{0} keys")
    @CsvSource({"1, false", "10, false", "11, true"})
    void holdsAtMostTenKeys(int count, boolean refused) {
        List<Violation> found = RULE.check(withKeys("jwks", TestJwks.setOfP256(count)), ValidMetadata.CONTEXT);

        if (refused) {
            assertThat(found).singleElement().extracting(Violation::description).isEqualTo("jwks must hold 1 to 10 keys");
        } else {
            assertThat(found).isEmpty();
        }
    }

    @Test
    void countsKeysOfTypesTheJoseLibrarySkips() {
        String tenGoodAndOneUnknown = TestJwks.setOfP256(10).replace("]}", ", " + TestJwks.expand("$UNKNOWN_KTY") + "]}");

        assertThat(RULE.check(withKeys("jwks", tenGoodAndOneUnknown), ValidMetadata.CONTEXT)).as("11 keys")
                .extracting(Violation::field).containsExactly("/jwks");
    }

    @Test
    void reportsBadKeysAndABadUriTogether() {
        ObjectNode json = ValidMetadata.json();
        ValidMetadata.set(json, "jwks", TestJwks.set("RSA1024"));
        ValidMetadata.set(json, "jwks_uri", "\"http://app.example.com/jwks.json\"");

        assertThat(RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT)).extracting(Violation::field)
                .containsExactly("/jwks", "/jwks_uri");
    }

    @Test
    void neverEchoesKeyMaterialInTheDescription() {
        String privateKey = TestJwks.expand("$RSA2048_PRIVATE");
        String d = privateKey.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");

        List<Violation> found = RULE.check(withKeys("jwks", "{\"keys\": [" + privateKey + "]}"), ValidMetadata.CONTEXT);

        assertThat(d).hasSizeGreaterThan(100);
        assertThat(found).singleElement().extracting(Violation::description).asString().doesNotContain(d);
    }
}
