package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: the keys of jwks have distinct kids. */
class JwksKeyIdsAreDistinctTest {

    private static final Rule RULE = new JwksKeyIdsAreDistinct();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON, $KEY: a generated key)        | field              | code                    | severity | phrase                                | reason
        {"keys": [$P256_KID_A, $P384_KID_B]}         |                    |                         |          |                                       | two kids
        {"keys": [$P256, $P384]}                     |                    |                         |          |                                       | keys without kids
        {"keys": [$P256_KID_A, $P384]}               |                    |                         |          |                                       | one kid
        {"keys": [$P256_KID_A, $P384_KID_A]}         | /jwks/keys/1/kid   | INVALID_CLIENT_METADATA | ERROR    | jwks/keys/1 repeats the kid of jwks/keys/0 | a repeated kid
        {"keys": [$P256, $P256, $P256, $P256, $P256, $P256, $P256, $P256, $P256_KID_A, $P384_KID_A]} | /jwks/keys/9/kid | INVALID_CLIENT_METADATA | ERROR | jwks/keys/9 repeats the kid of jwks/keys/8 | ten keys, the most a set may hold, are still checked
        {"keys": [$P256, $P256, $P256, $P256, $P256, $P256, $P256, $P256, $P256, $P256_KID_A, $P384_KID_A]} | | | | | eleven keys are refused by JwksIsBoundedKeySet alone, not read key by key
        """)
    void judgesKeyIds(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(JwksRows.with("jwks", value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
