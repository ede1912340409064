package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: every key of jwks is RSA of at least 2,048 bits or EC on P-256 or P-384, for signing. */
class JwksKeysAreStrongSigningKeysTest {

    private static final Rule RULE = new JwksKeysAreStrongSigningKeys();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON, $KEY: a generated key)   | field            | code                    | severity | phrase                                                       | reason
        {"keys": [$RSA2048]}                    |                  |                         |          |                                                              | RSA of 2,048 bits
        {"keys": [$P256]}                       |                  |                         |          |                                                              | EC on P-256
        {"keys": [$P384]}                       |                  |                         |          |                                                              | EC on P-384
        {"keys": [$P256_SIG]}                   |                  |                         |          |                                                              | a key marked for signatures
        {"keys": ["x"]}                         |                  |                         |          |                                                              | an entry that is no key is the shape rule's
        {"keys": [$OCT]}                        |                  |                         |          |                                                              | a symmetric key is the public-keys rule's
        {"keys": [$ED25519]}                    |                  |                         |          |                                                              | another key type is the shape rule's
        {"keys": [$RSA1024]}                    | /jwks/keys/0     | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/0 must be RSA of at least 2048 bits or EC on P-256 or P-384 | RSA of 1,024 bits
        {"keys": [$P256, $P521]}                | /jwks/keys/1     | INVALID_CLIENT_METADATA | ERROR    | must be RSA of at least 2048 bits or EC on P-256 or P-384    | EC on P-521, even beside a good key
        {"keys": [$P256_ENC]}                   | /jwks/keys/0/use | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/0 must be a signing key                            | a key for encryption
        """)
    void judgesEachKey(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(JwksRows.with("jwks", value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
