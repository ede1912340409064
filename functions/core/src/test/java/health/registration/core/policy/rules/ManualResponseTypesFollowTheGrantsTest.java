package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7591 §2.1 on the manual path: response_types is {@code ["code"]} (or absent) with the authorization_code grant
 * and empty (or absent) without it.
 */
class ManualResponseTypesFollowTheGrantsTest {

    private static final Rule RULE = new ManualResponseTypesFollowTheGrants();

    /** Empty cells remove the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant_types (JSON)                          | response_types (JSON) | field           | code                    | severity | phrase                                                               | reason
                                                      |                       |                 |                         |          |                                                                      | both absent: the defaults agree
                                                      | ["code"]              |                 |                         |          |                                                                      | code with the default grant
        ["authorization_code"]                        | ["code"]              |                 |                         |          |                                                                      | code with authorization_code
        ["authorization_code", "refresh_token"]       | ["code"]              |                 |                         |          |                                                                      | refresh_token needs no response type
        ["authorization_code", "client_credentials"]  | ["code"]              |                 |                         |          |                                                                      | code while authorization_code is among the grants
        ["client_credentials"]                        |                       |                 |                         |          |                                                                      | absent without authorization_code: registered as []
        ["client_credentials"]                        | []                    |                 |                         |          |                                                                      | empty without authorization_code
        ["authorization_code"]                        | "code"                |                 |                         |          |                                                                      | a string is left to the type rule
                                                      | []                    | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must be ["code"] with the authorization_code grant (RFC 7591 section 2.1) | no response type for the authorization code flow
        ["authorization_code"]                        | ["token"]             | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with the authorization_code grant                   | the implicit flow's response type
        ["authorization_code"]                        | ["code", "token"]     | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with the authorization_code grant                   | nothing beside code
        ["authorization_code"]                        | ["code id_token"]     | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with the authorization_code grant                   | a hybrid flow
        ["authorization_code"]                        | ["Code"]              | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with the authorization_code grant                   | response types are case-sensitive
        ["client_credentials"]                        | ["code"]              | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must be empty without the authorization_code grant (RFC 7591 section 2.1) | code without the grant that uses it
        ["client_credentials"]                        | ["token"]             | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be empty without the authorization_code grant                   | token without any redirect-based grant
        []                                            | ["code"]              | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be empty without the authorization_code grant                   | no grant at all (the grant rule reports that too)
        """)
    void judgesResponseTypesAgainstTheGrants(String grantTypes, String responseTypes, String field, RegistrationErrorCode code,
                                             Severity severity, String phrase, String reason) {
        ClientMetadata metadata = ClientMetadata.of(ValidMetadata.set(ValidMetadata.set(ValidMetadata.json(),
                "grant_types", grantTypes), "response_types", responseTypes));

        ExpectedOutcome.assertOutcome(RULE.check(metadata, ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
