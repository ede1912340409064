package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: software_id and software_version have 1 to 200 characters. */
class TextIsWithinLengthTest {

    private static final Rule RULE = new TextIsWithinLength();

    @ParameterizedTest(name = "[{index}] {2}: {1} characters")
    @CsvSource(delimiter = '|', textBlock = """
        # member          | length | refused | reason
        software_id       | 1      | false   | the shortest
        software_id       | 200    | false   | the longest
        software_version  | 36     | false   | a UUID-sized version
        software_id       | 201    | true    | one too many
        software_version  | 5000   | true    | far too many
        software_version  | 0      | true    | empty
        """)
    void boundsTheLength(String member, int length, boolean refused, String reason) {
        String value = "\"" + "x".repeat(length) + "\"";

        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                refused ? "/" + member : null, refused ? RegistrationErrorCode.INVALID_CLIENT_METADATA : null,
                refused ? Severity.ERROR : null, refused ? member + " must have 1 to 200 characters" : null);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        # member          | value (JSON)
        software_id       | 42
        software_version  | ["1.0"]
        """)
    void leavesOtherTypesToTheTypeRule(String member, String value) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT), null, null, null, null);
    }
}
