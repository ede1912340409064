package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * UDAP IG STU2 §3.1: with authorization_code, response_types is exactly ["code"]; with client_credentials,
 * redirect_uris and response_types are absent.
 */
class UdapParametersFollowTheGrantTest {

    private static final Rule RULE = new UdapParametersFollowTheGrant();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member         | value (JSON, empty: absent)            | field           | code                    | severity | phrase                                           | reason
        AC      | response_types | ["code"]                               |                 |                         |          |                                                  | the fixed value ["code"]
        AC      | response_types |                                        | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must be ["code"] with authorization_code | absent with authorization_code (no RFC 7591 default here)
        AC      | response_types | []                                     | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | an empty array
        AC      | response_types | ["token"]                              | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | the implicit response type
        AC      | response_types | ["code", "token"]                      | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | code among others is not the fixed value
        AC      | response_types | ["code", "code"]                       | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | code twice is not the fixed value
        AC      | response_types | ["Code"]                               | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | response types are case-sensitive
        AC      | response_types | "code"                                 | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be ["code"] with authorization_code         | a string is not the array ["code"]
        AC      | redirect_uris  |                                        |                 |                         |          |                                                  | a missing redirect_uris is left to RequiredMembersArePresent
        AC      | grant_types    | ["authorization_code", "refresh_token"] |                |                         |          |                                                  | refresh_token changes nothing
        CC      | redirect_uris  |                                        |                 |                         |          |                                                  | client_credentials without redirect_uris
        CC      | redirect_uris  | ["https://app.example.com/callback"]   | /redirect_uris  | INVALID_REDIRECT_URI    | ERROR    | redirect_uris must be absent with client_credentials | the IG: SHALL be absent otherwise
        CC      | redirect_uris  | []                                     | /redirect_uris  | INVALID_REDIRECT_URI    | ERROR    | must be absent with client_credentials           | even an empty array is present
        CC      | response_types | ["code"]                               | /response_types | INVALID_CLIENT_METADATA | ERROR    | response_types must be absent with client_credentials | the IG: SHALL be omitted otherwise
        CC      | response_types | []                                     | /response_types | INVALID_CLIENT_METADATA | ERROR    | must be absent with client_credentials           | even an empty array is present
        CC      | grant_types    |                                        |                 |                         |          |                                                  | no grant: left to UdapGrantTypesAreValid
        CC      | grant_types    | ["refresh_token"]                      |                 |                         |          |                                                  | neither grant: left to UdapGrantTypesAreValid
        """)
    void judgesTheParametersEachGrantRequiresOrForbids(Grant grant, String member, String value, String field,
                                                        RegistrationErrorCode code, Severity severity, String phrase,
                                                        String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidUdapMetadata.with(grant, member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsBothAuthorizationCodeParametersOfAClientCredentialsClient() {
        ObjectNode json = ValidUdapMetadata.json(Grant.CC);
        json.putArray("redirect_uris").add("https://app.example.com/callback");
        json.putArray("response_types").add("code");

        List<Violation> found = RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field, Violation::code).containsExactly(
                tuple("/redirect_uris", RegistrationErrorCode.INVALID_REDIRECT_URI),
                tuple("/response_types", RegistrationErrorCode.INVALID_CLIENT_METADATA));
    }

    @Test
    void judgesBothGrantsTogetherAsAuthorizationCodeLeavingTheMixToTheGrantRule() {
        ObjectNode json = ValidUdapMetadata.json(Grant.CC);
        json.putArray("grant_types").add("client_credentials").add("authorization_code");

        List<Violation> found = RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/response_types");
    }
}
