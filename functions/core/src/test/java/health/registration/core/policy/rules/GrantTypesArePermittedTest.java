package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Policy section 4, open path: only authorization_code, optionally with refresh_token. */
class GrantTypesArePermittedTest {

    private static final Rule RULE = new GrantTypesArePermitted();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member    | value (JSON, empty: absent)                                        | field          | code                    | severity | phrase                                               | reason
        grant_types |                                                                    |                |                         |          |                                                      | absent: authorization_code by default
        grant_types | ["authorization_code"]                                             |                |                         |          |                                                      | the authorization code grant
        grant_types | ["authorization_code", "refresh_token"]                            |                |                         |          |                                                      | refresh_token alongside authorization_code
        grant_types | ["refresh_token"]                                                  |                |                         |          |                                                      | refresh_token alone is left to the grant/response agreement rule
        grant_types | []                                                                 |                |                         |          |                                                      | an empty list is left to the grant/response agreement rule
        grant_types | ["client_credentials"]                                             | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | register the app manually at https://manual.example.org/register | client_credentials goes to manual registration
        grant_types | ["authorization_code", "client_credentials"]                       | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR    | grant_types/1: the client_credentials grant is not available | the refused entry is named by its index
        grant_types | ["implicit"]                                                       | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | the implicit grant is not supported (RFC 9700)       | implicit is forbidden by the security BCP
        grant_types | ["password"]                                                       | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | the password grant is not supported (RFC 9700)       | password is forbidden by the security BCP
        grant_types | ["urn:ietf:params:oauth:grant-type:jwt-bearer"]                    | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | names a grant type this service does not support     | an extension grant
        grant_types | ["Authorization_Code"]                                             | /grant_types/0 | INVALID_CLIENT_METADATA | ERROR    | does not support                                     | grant names are case-sensitive
        grant_types | "client_credentials"                                               |                |                         |          |                                                      | a string instead of an array is left to the type rule
        """)
    void judgesGrantTypes(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                          String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://manual.example.org/register", "https://operator.example.net/clients/new"})
    void refusesClientCredentialsPointingToManualRegistrationOrUdap(String manualRegistrationUrl) {
        PolicyContext context = new PolicyContext(URI.create(manualRegistrationUrl));

        List<Violation> found = RULE.check(ValidMetadata.with("grant_types", "[\"client_credentials\"]"), context);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .contains("register the app manually at " + manualRegistrationUrl)
                .contains("UDAP client certificate");
    }
}
