package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7591 §2: jwks and jwks_uri never together. */
class JwksAndJwksUriAreExclusiveTest {

    private static final Rule RULE = new JwksAndJwksUriAreExclusive();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # jwks (JSON)         | jwks_uri (JSON)                      | field | code                    | severity | phrase                                     | reason
                              |                                      |       |                         |          |                                            | neither
        {"keys": [$P256]}     |                                      |       |                         |          |                                            | jwks alone
                              | "https://app.example.com/jwks.json"  |       |                         |          |                                            | jwks_uri alone
        {"keys": [$P256]}     | "https://app.example.com/jwks.json"  | /jwks | INVALID_CLIENT_METADATA | ERROR    | jwks must not be sent together with jwks_uri | both
        5                     | 5                                    | /jwks | INVALID_CLIENT_METADATA | ERROR    | RFC 7591 section 2                         | both, whatever their types
        """)
    void refusesBoth(String jwks, String jwksUri, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ObjectNode json = ValidMetadata.set(ValidMetadata.json(), "jwks", TestJwks.expand(jwks));
        ValidMetadata.set(json, "jwks_uri", jwksUri);

        ExpectedOutcome.assertOutcome(RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
