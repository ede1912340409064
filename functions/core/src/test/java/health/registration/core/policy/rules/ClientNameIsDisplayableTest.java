package health.registration.core.policy.rules;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 2: client_name has 1 to 200 characters after trimming and nothing that could disguise it. */
class ClientNameIsDisplayableTest {

    private static final Rule RULE = new ClientNameIsDisplayable();
    private static final String LENGTH = "client_name must have 1 to 200 characters";

    /** Values are JSON, so \\u escapes keep invisible characters visible in this table. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member       | value (JSON)                    | field           | code                    | severity | phrase                      | reason
        client_name    | "Example App"                   |                 |                         |          |                             | a plain name
        client_name    | "  Example App  "               |                 |                         |          |                             | surrounding spaces are trimmed, not refused
        client_name    | "Example App \\uD83D\\uDE80"     |                 |                         |          |                             | an emoji is allowed
        client_name    | "Caf\\u00e9 \\u2713 \\u4f8b"    |                 |                         |          |                             | accents, symbols and CJK are allowed
        client_name    | "   "                           | /client_name    | INVALID_CLIENT_METADATA | ERROR    | besides leading and trailing spaces | whitespace only
        client_name    | "Example\\u202Eppa"             | /client_name    | INVALID_CLIENT_METADATA | ERROR    | must not contain control    | a right-to-left override (U+202E)
        client_name    | "Example\\u0007App"             | /client_name    | INVALID_CLIENT_METADATA | ERROR    | must not contain control    | a control character (BEL)
        client_name    | "Example\\nApp"                 | /client_name    | INVALID_CLIENT_METADATA | ERROR    | must not contain control    | a line feed
        client_name    | "Exam\\u200Bple App"            | /client_name    | INVALID_CLIENT_METADATA | ERROR    | must not contain control    | a zero-width space
        client_name    | "Example\\u2028App"             | /client_name    | INVALID_CLIENT_METADATA | ERROR    | line-separator              | a line separator (U+2028)
        client_name#ar | "\\u202Bexample"                | /client_name#ar | INVALID_CLIENT_METADATA | ERROR    | client_name#ar must not contain control | a language-tagged variant is checked too
        client_name    | ""                              |                 |                         |          |                             | an empty name is left to the required-members rule
        client_name    | 5                               |                 |                         |          |                             | a number is left to the type rule
        """)
    void judgesDisplayableNames(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @MethodSource("lengths")
    void countsCharactersAfterTrimming(String member, String value, String field, RegistrationErrorCode code,
                                       Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    static Stream<Arguments> lengths() {
        String rocket = "\\uD83D\\uDE80";
        return Stream.of(
                ok(json("a".repeat(200)), "200 characters are the most allowed"),
                tooLong(json("a".repeat(201)), "201 characters are too many"),
                ok(json("   " + "a".repeat(200) + "   "), "200 characters with spaces around them"),
                ok(json(rocket.repeat(200)), "200 emoji count as 200 characters, not 400 UTF-16 units"),
                tooLong(json(rocket.repeat(201)), "201 emoji are too many"),
                ok(json("a"), "1 character is enough"));
    }

    private static String json(String text) {
        return "\"" + text + "\"";
    }

    private static Arguments ok(String value, String reason) {
        return arguments("client_name", value, null, null, null, null, reason);
    }

    private static Arguments tooLong(String value, String reason) {
        return arguments("client_name", value, "/client_name", RegistrationErrorCode.INVALID_CLIENT_METADATA,
                Severity.ERROR, LENGTH, reason);
    }
}
