package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: members of enumerated values hold one the member table lists. */
class MembersHaveEnumeratedValuesTest {

    private static final Rule RULE = new MembersHaveEnumeratedValues();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member                          | value (JSON) | field                            | code                    | severity | phrase                                       | reason
        application_type                  | "web"        |                                  |                         |          |                                              | a web app
        application_type                  | "native"     |                                  |                         |          |                                              | a native app
        subject_type                      | "pairwise"   |                                  |                         |          |                                              | pairwise subjects
        id_token_signed_response_alg      | "RS256"      |                                  |                         |          |                                              | the OpenID Connect default
        token_endpoint_auth_signing_alg   | "ES384"      |                                  |                         |          |                                              | an EC algorithm
        request_object_signing_alg        | "PS256"      |                                  |                         |          |                                              | RSASSA-PSS
        application_type                  | 5            |                                  |                         |          |                                              | a number is left to the type rule
        application_type                  | "browser"    | /application_type                | INVALID_CLIENT_METADATA | ERROR    | application_type must be one of native, web | an unknown type
        subject_type                      | "Public"     | /subject_type                    | INVALID_CLIENT_METADATA | ERROR    | subject_type must be one of pairwise, public | values are compared with case
        id_token_signed_response_alg      | "none"       | /id_token_signed_response_alg    | INVALID_CLIENT_METADATA | ERROR    | must be one of ES256                        | unsigned ID tokens
        token_endpoint_auth_signing_alg   | "HS256"      | /token_endpoint_auth_signing_alg | INVALID_CLIENT_METADATA | ERROR    | token_endpoint_auth_signing_alg must be one of | an HMAC keyed with the client secret
        request_object_signing_alg        | "none"       | /request_object_signing_alg      | INVALID_CLIENT_METADATA | ERROR    | request_object_signing_alg must be one of     | unsigned request objects
        """)
    void judgesEnumeratedMembers(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                 String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
