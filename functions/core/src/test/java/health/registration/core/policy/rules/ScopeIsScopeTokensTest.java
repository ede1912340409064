package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 9 and RFC 6749 §3.3: scope is space-separated scope tokens, bounded. */
class ScopeIsScopeTokensTest {

    private static final Rule RULE = new ScopeIsScopeTokens();

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON)                                    | field  | code                    | severity | phrase                                  | reason
        "openid"                                          |        |                         |          |                                         | one token
        "openid fhirUser launch/patient patient/*.rs"     |        |                         |          |                                         | SMART scopes
        "system/Patient.read user/Observation.rs?category=laboratory" |  |                   |          |                                         | a SMART v2 scope with a query
        42                                                |        |                         |          |                                         | a number is left to the type rule
        ""                                                |        |                         |          |                                         | empty: no scope asked for
        " "                                               | /scope | INVALID_CLIENT_METADATA | ERROR    | scope must be scope tokens              | a space alone
        "openid  profile"                                 | /scope | INVALID_CLIENT_METADATA | ERROR    | separated by single spaces              | two spaces
        " openid"                                         | /scope | INVALID_CLIENT_METADATA | ERROR    | separated by single spaces              | a leading space
        "openid\\tprofile"                                | /scope | INVALID_CLIENT_METADATA | ERROR    | scope must be scope tokens              | a tab
        "patient/\\"x\\""                                 | /scope | INVALID_CLIENT_METADATA | ERROR    | without quotation marks or backslashes  | a quotation mark
        "a\\\\b"                                          | /scope | INVALID_CLIENT_METADATA | ERROR    | RFC 6749 section 3.3                    | a backslash
        "opénid"                                          | /scope | INVALID_CLIENT_METADATA | ERROR    | printable ASCII                         | a non-ASCII letter
        """)
    void judgesScopeTokens(String value, String field, RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("scope", value), ValidMetadata.CONTEXT), field, code, severity, phrase);
    }

    @ParameterizedTest(name = "{0} tokens of {1} characters: refused={2}")
    @CsvSource({"100, 5, false", "101, 5, true", "1, 2048, false", "1, 2049, true"})
    void boundsTokensAndLength(int tokens, int length, boolean refused) {
        String scope = String.join(" ", java.util.Collections.nCopies(tokens, "s".repeat(length)));

        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("scope", "\"" + scope + "\""), ValidMetadata.CONTEXT),
                refused ? "/scope" : null, refused ? RegistrationErrorCode.INVALID_CLIENT_METADATA : null,
                refused ? Severity.ERROR : null, refused ? "at most 100 scope tokens and 2048 characters" : null);
    }
}
