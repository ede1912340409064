package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.SupportedScopes;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDAP IG STU2 general §7.3: unsupported wildcards and requests with nothing supported are refused, the rest warned. */
class ScopesAreSupportedTest {

    private static final Rule RULE = new ScopesAreSupported();
    private static final PolicyContext CONTEXT = ValidMetadata.CONTEXT.withSupportedScopes(
            SupportedScopes.parse("openid fhirUser launch/patient patient/*.rs user/Patient.read").value());

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON)                                    | field  | code                    | severity | phrase                                   | reason
        "openid fhirUser patient/Observation.rs"          |        |                         |          |                                          | all supported
        "patient/*.r user/Patient.rs"                     |        |                         |          |                                          | covered by their parts
        ""                                                |        |                         |          |                                          | empty: no scope asked for
        42                                                |        |                         |          |                                          | a number is left to the type rule
        "openid  fhirUser"                                |        |                         |          |                                          | malformed: left to ScopeIsScopeTokens
        "openid offline_access"                           | /scope | INVALID_CLIENT_METADATA | WARNING  | scope token 2 is not supported           | one dropped
        "openid user/*.rs"                                | /scope | INVALID_CLIENT_METADATA | ERROR    | scope token 2 (user/*.rs) is a wildcard  | an unsupported wildcard
        "profile email"                                   | /scope | INVALID_CLIENT_METADATA | ERROR    | asks for no scope this server supports   | nothing supported
        "patient/Observation.rs?category=laboratory"      |        |                         |          |                                          | a query only narrows
        """)
    void judgesScopesAgainstTheSupportedOnes(String value, String field, RegistrationErrorCode code, Severity severity,
                                              String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("scope", value), CONTEXT), field, code, severity, phrase);
    }

    @Test
    void anUnsupportedWildcardAloneIsBothRefusals() {
        List<Violation> found = RULE.check(ValidMetadata.with("scope", "\"system/*.rs\""), CONTEXT);

        assertThat(found).extracting(Violation::severity).containsExactly(Severity.ERROR, Severity.ERROR);
        assertThat(found.get(1).description()).contains("it supports fhirUser launch/patient openid patient/*.rs user/Patient.read");
    }

    @Test
    void neverEchoesAnUnparsedToken() {
        List<Violation> found = RULE.check(ValidMetadata.with("scope", "\"openid <script>\""), CONTEXT);

        assertThat(found).singleElement().satisfies(v -> assertThat(v.description()).doesNotContain("<script>"));
    }

    @Test
    void grantsEverythingWhenUnrestricted() {
        assertThat(RULE.check(ValidMetadata.with("scope", "\"anything system/*.cruds\""), ValidMetadata.CONTEXT)).isEmpty();
    }
}
