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
 * Policy sections 2 and 4 on the UDAP path ({@link RequiredMembersArePresent#withRedirectUrisOnlyForAuthorizationCode()}):
 * the seven members, but redirect_uris only with authorization_code (IG STU2 §3.1, the B2B exception).
 */
class RequiredMembersArePresentUdapTest {

    private static final Rule RULE = RequiredMembersArePresent.withRedirectUrisOnlyForAuthorizationCode();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member        | value (JSON, empty: absent)               | field            | code                    | severity | phrase                                     | reason
        CC      | redirect_uris |                                           |                  |                         |          |                                            | client_credentials needs no redirect URI
        AC      | redirect_uris | ["https://app.example.com/callback"]      |                  |                         |          |                                            | authorization_code with its redirect URI
        AC      | redirect_uris |                                           | /redirect_uris   | INVALID_REDIRECT_URI    | ERROR    | redirect_uris is required                  | authorization_code without redirect_uris
        AC      | redirect_uris | []                                        | /redirect_uris   | INVALID_REDIRECT_URI    | ERROR    | redirect_uris must list at least one entry | authorization_code with an empty redirect_uris
        AC      | redirect_uris | ["https://app.example.com/callback", ""]  | /redirect_uris/1 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/1 must not be empty          | an empty redirect URI
        CC      | redirect_uris | []                                        |                  |                         |          |                                            | redirect_uris with client_credentials is left to UdapParametersFollowTheGrant
        AC      | grant_types   | ["authorization_code", "refresh_token"]   |                  |                         |          |                                            | refresh_token beside authorization_code keeps redirect_uris required and present
        CC      | grant_types   |                                           |                  |                         |          |                                            | no grant: redirect_uris not required (the grant rule reports grant_types)
        CC      | client_uri    |                                           | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri is required                     | client_credentials keeps client_uri
        CC      | logo_uri      |                                           | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | logo_uri is required                       | client_credentials keeps logo_uri (vendor policy beyond the IG)
        AC      | logo_uri      |                                           | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | logo_uri is required                       | the IG requires logo_uri with authorization_code
        CC      | contacts      |                                           | /contacts        | INVALID_CLIENT_METADATA | ERROR    | contacts is required                       | client_credentials keeps contacts
        CC      | contacts      | []                                        | /contacts        | INVALID_CLIENT_METADATA | ERROR    | contacts must list at least one entry      | no contact
        CC      | tos_uri       |                                           | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | tos_uri is required                        | client_credentials keeps tos_uri
        CC      | policy_uri    |                                           | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | policy_uri is required                     | client_credentials keeps policy_uri
        CC      | client_name   |                                           | /client_name     | INVALID_CLIENT_METADATA | ERROR    | client_name is required                    | client_credentials keeps client_name
        AC      | client_name   | ""                                        | /client_name     | INVALID_CLIENT_METADATA | ERROR    | client_name must not be empty              | an empty client_name
        """)
    void requiresRedirectUrisOnlyWithAuthorizationCode(Grant grant, String member, String value, String field,
                                                       RegistrationErrorCode code, Severity severity, String phrase,
                                                       String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidUdapMetadata.with(grant, member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsTheSixOtherMembersMissingFromAClientCredentialsObject() {
        List<Violation> found = RULE.check(ValidMetadata.parseObject("{\"grant_types\": [\"client_credentials\"]}"),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly(
                "/client_uri", "/logo_uri", "/contacts", "/tos_uri", "/policy_uri", "/client_name");
    }

    @Test
    void reportsAllSevenMembersMissingFromAnAuthorizationCodeObject() {
        List<Violation> found = RULE.check(ValidMetadata.parseObject(
                "{\"grant_types\": [\"refresh_token\", \"authorization_code\"]}"), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly(
                "/redirect_uris", "/client_uri", "/logo_uri", "/contacts", "/tos_uri", "/policy_uri", "/client_name");
    }

    @Test
    void requiresRedirectUrisForAuthorizationCodeWhateverElseGrantTypesHolds() {
        ObjectNode json = ValidUdapMetadata.json(Grant.AC);
        json.remove("redirect_uris");
        json.putArray("grant_types").add("client_credentials").add("authorization_code");

        List<Violation> found = RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field, Violation::code)
                .containsExactly(tuple("/redirect_uris", RegistrationErrorCode.INVALID_REDIRECT_URI));
    }

    @Test
    void keepsRequiringRedirectUrisOnTheOpenPath() {
        List<Violation> found = new RequiredMembersArePresent().check(ValidUdapMetadata.metadata(Grant.CC),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/redirect_uris");
    }
}
