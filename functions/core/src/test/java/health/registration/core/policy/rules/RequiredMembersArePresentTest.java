package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 2: the seven required members are present and not empty. */
class RequiredMembersArePresentTest {

    private static final Rule RULE = new RequiredMembersArePresent();

    @Test
    void reportsEachOfTheSevenRequiredMembersMissingFromAnEmptyObject() {
        List<Violation> found = RULE.check(ValidMetadata.parseObject("{}"), ValidMetadata.CONTEXT);

        assertThat(found)
                .extracting(Violation::field, Violation::code, Violation::severity, Violation::description)
                .containsExactly(
                        tuple("/redirect_uris", RegistrationErrorCode.INVALID_REDIRECT_URI, Severity.ERROR, "redirect_uris is required"),
                        tuple("/client_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "client_uri is required"),
                        tuple("/logo_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "logo_uri is required"),
                        tuple("/contacts", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "contacts is required"),
                        tuple("/tos_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "tos_uri is required"),
                        tuple("/policy_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "policy_uri is required"),
                        tuple("/client_name", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR, "client_name is required"));
    }

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON, empty: absent)                       | field            | code                    | severity | phrase                                  | reason
        redirect_uris |                                                   | /redirect_uris   | INVALID_REDIRECT_URI    | ERROR    | redirect_uris is required               | redirect_uris missing
        client_uri    |                                                   | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri is required                  | client_uri missing
        logo_uri      |                                                   | /logo_uri        | INVALID_CLIENT_METADATA | ERROR    | logo_uri is required                    | logo_uri missing
        contacts      |                                                   | /contacts        | INVALID_CLIENT_METADATA | ERROR    | contacts is required                    | contacts missing
        tos_uri       |                                                   | /tos_uri         | INVALID_CLIENT_METADATA | ERROR    | tos_uri is required                     | tos_uri missing
        policy_uri    |                                                   | /policy_uri      | INVALID_CLIENT_METADATA | ERROR    | policy_uri is required                  | policy_uri missing
        client_name   |                                                   | /client_name     | INVALID_CLIENT_METADATA | ERROR    | client_name is required                 | client_name missing
        client_uri    | ""                                                | /client_uri      | INVALID_CLIENT_METADATA | ERROR    | client_uri must not be empty            | an empty string
        client_name   | ""                                                | /client_name     | INVALID_CLIENT_METADATA | ERROR    | client_name must not be empty           | an empty client_name
        redirect_uris | []                                                | /redirect_uris   | INVALID_REDIRECT_URI    | ERROR    | redirect_uris must list at least one entry | an empty array
        contacts      | []                                                | /contacts        | INVALID_CLIENT_METADATA | ERROR    | contacts must list at least one entry   | no contacts
        redirect_uris | ["https://app.example.com/callback", ""]          | /redirect_uris/1 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/1 must not be empty       | an empty entry
        contacts      | [""]                                              | /contacts/0      | INVALID_CLIENT_METADATA | ERROR    | contacts/0 must not be empty            | an empty contact
        grant_types   |                                                   |                  |                         |          |                                         | optional members may be absent
        client_name   | "   "                                             |                  |                         |          |                                         | blank names are left to the client_name rule
        client_name   | 42                                                |                  |                         |          |                                         | wrong types are left to the type rule
        contacts      | [5]                                               |                  |                         |          |                                         | non-string entries are left to the type rule
        """)
    void reportsMissingAndEmptyRequiredMembers(String member, String value, String field, RegistrationErrorCode code,
                                               Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void doesNotAcceptALanguageVariantInPlaceOfTheMemberItself() {
        var json = ValidMetadata.json();
        json.remove("client_name");
        json.put("client_name#fr", "Application exemple");

        List<Violation> found = RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field, Violation::description)
                .containsExactly(tuple("/client_name", "client_name is required"));
    }
}
