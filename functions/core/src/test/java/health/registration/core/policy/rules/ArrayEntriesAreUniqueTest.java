package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each array member lists a value once. */
class ArrayEntriesAreUniqueTest {

    private static final Rule RULE = new ArrayEntriesAreUnique();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member       | value (JSON)                                                             | field            | code                    | severity | phrase                                  | reason
        redirect_uris  | ["https://app.example.com/callback", "https://app.example.com/callback"] | /redirect_uris/1 | INVALID_REDIRECT_URI    | ERROR    | redirect_uris/1 repeats redirect_uris/0 | a repeated redirect URI
        contacts       | ["dev@example.com", "ops@example.com", "dev@example.com"]                | /contacts/2      | INVALID_CLIENT_METADATA | ERROR    | contacts/2 repeats contacts/0           | a repeated contact names the first occurrence
        grant_types    | ["authorization_code", "authorization_code"]                             | /grant_types/1   | INVALID_CLIENT_METADATA | ERROR    | list each value once                    | a repeated grant type
        response_types | ["code", "code"]                                                         | /response_types/1| INVALID_CLIENT_METADATA | ERROR    | response_types/1 repeats response_types/0 | a repeated response type
        redirect_uris  | ["https://app.example.com/callback", "https://app.example.com/callback/"]|                  |                         |          |                                         | a trailing slash makes a different URL (exact comparison)
        contacts       | ["dev@example.com", "Dev@example.com"]                                   |                  |                         |          |                                         | entries are compared exactly, as sent
        redirect_uris  | ["https://app.example.com/callback", 1, 1]                              |                  |                         |          |                                         | non-string entries are left to the type rule
        """)
    void reportsRepeatedEntries(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsEveryRepeatAgainstTheFirstOccurrence() {
        var found = RULE.check(ValidMetadata.with("contacts", """
                ["dev@example.com", "dev@example.com", "dev@example.com"]"""), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/contacts/1", "/contacts/2");
        assertThat(found).extracting(Violation::description).allSatisfy(d -> assertThat(d).contains("repeats contacts/0"));
    }
}
