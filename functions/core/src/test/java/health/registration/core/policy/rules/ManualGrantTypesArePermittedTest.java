package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policy sections 1 and 4, manual path: authorization_code (optionally with refresh_token) and client_credentials;
 * never implicit or password (RFC 9700).
 */
class ManualGrantTypesArePermittedTest {

    private static final Rule RULE = new ManualGrantTypesArePermitted();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON, empty: absent)                                       | field          | code                    | severity | phrase                                                                          | reason
                                                                            |                |                         |          |                                                                                 | absent: RFC 7591's default, authorization_code
        ["authorization_code"]                                              |                |                         |          |                                                                                 | the authorization code grant
        ["authorization_code", "refresh_token"]                             |                |                         |          |                                                                                 | refresh_token beside authorization_code
        ["refresh_token", "authorization_code"]                             |                |                         |          |                                                                                 | in any order
        ["client_credentials"]                                              |                |                         |          |                                                                                 | client_credentials, which only the manual and UDAP paths accept
        ["authorization_code", "client_credentials"]                        |                |                         |          |                                                                                 | both grants in one registration
        ["authorization_code", "client_credentials", "refresh_token"]       |                |                         |          |                                                                                 | both grants and refresh_token
        [5, "authorization_code"]                                           |                |                         |          |                                                                                 | a non-string entry is left to the type rule
        "client_credentials"                                                |                |                         |          |                                                                                 | a string is left to the type rule
        ["implicit"]                                                        | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | grant_types/0 must be authorization_code, refresh_token or client_credentials   | implicit (RFC 9700 section 2.1.2)
        ["authorization_code", "password"]                                  | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR    | grant_types/1 must be authorization_code, refresh_token or client_credentials   | password (RFC 9700 section 2.4)
        ["client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"] | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR  | must be authorization_code, refresh_token or client_credentials                 | an extension grant
        ["urn:ietf:params:oauth:grant-type:device_code"]                    | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | must be authorization_code, refresh_token or client_credentials                 | the device grant
        ["Authorization_Code"]                                              | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | must be authorization_code, refresh_token or client_credentials                 | grant names are case-sensitive
        ["refresh_token"]                                                   | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | grant_types may include refresh_token only together with authorization_code     | refresh_token alone
        ["client_credentials", "refresh_token"]                             | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | refresh_token only together with authorization_code                             | refresh_token with client_credentials (RFC 6749 section 4.4.3)
        []                                                                  | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | grant_types must list authorization_code or client_credentials, or be left out  | an empty array names no grant
        """)
    void judgesGrantTypes(String value, String field, RegistrationErrorCode code, Severity severity, String phrase,
                          String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("grant_types", value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsEveryUnknownGrantByItsIndexAndRefreshTokenWithoutAuthorizationCode() {
        List<Violation> found = RULE.check(ValidMetadata.with("grant_types", "[\"implicit\", \"password\", \"refresh_token\"]"),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field, Violation::code).containsExactly(
                tuple("/grant_types/0", RegistrationErrorCode.INVALID_CLIENT_METADATA),
                tuple("/grant_types/1", RegistrationErrorCode.INVALID_CLIENT_METADATA),
                tuple("/grant_types", RegistrationErrorCode.INVALID_CLIENT_METADATA));
    }

    @Test
    void acceptsClientCredentialsThatTheOpenPathSendsToManualRegistration() {
        var metadata = ValidMetadata.with("grant_types", "[\"client_credentials\"]");

        assertThat(RULE.check(metadata, ValidMetadata.CONTEXT)).isEmpty();
        assertThat(new GrantTypesArePermitted().check(metadata, ValidMetadata.CONTEXT)).as("the open path's rule, for contrast")
                .singleElement().extracting(Violation::description).asString().contains("register the app manually");
    }
}
