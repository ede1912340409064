package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9: default_max_age is an integer from 0 to a year and a day in seconds. */
class NumbersAreWithinBoundsTest {

    private static final Rule RULE = new NumbersAreWithinBounds();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON)                     | field            | code                    | severity | phrase                                      | reason
        0                                  |                  |                         |          |                                             | zero: always authenticate again
        3600                               |                  |                         |          |                                             | an hour
        31622400                           |                  |                         |          |                                             | the bound itself
        "3600"                             |                  |                         |          |                                             | a string is left to the type rule
        1.5                                |                  |                         |          |                                             | a fraction is left to the type rule
        31622401                           | /default_max_age | INVALID_CLIENT_METADATA | ERROR    | default_max_age must be an integer from 0 to 31622400 | one past the bound
        -1                                 | /default_max_age | INVALID_CLIENT_METADATA | ERROR    | from 0 to                                   | negative
        99999999999999999999999999999999999 | /default_max_age | INVALID_CLIENT_METADATA | ERROR   | from 0 to                                   | beyond any long, compared without overflow
        """)
    void boundsIntegers(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("default_max_age", value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
