package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A violation is attributed to the rule that found it once, for counting refusals by rule (docs/operations/metrics.md). */
class ViolationTest {

    private static final Violation UNATTRIBUTED = Violation.error("/client_uri",
            RegistrationErrorCode.INVALID_CLIENT_METADATA, "client_uri must use https");

    @Test
    void anUnattributedViolationTakesTheRuleThatFoundIt() {
        Violation found = UNATTRIBUTED.foundBy("url-uses-web-scheme");

        assertThat(found.rule()).isEqualTo("url-uses-web-scheme");
        assertThat(found).usingRecursiveComparison().ignoringFields("rule").isEqualTo(UNATTRIBUTED);
    }

    @Test
    void aViolationAlreadyAttributedKeepsItsRule() {
        Violation first = UNATTRIBUTED.foundBy("url-uses-web-scheme");

        assertThat(first.foundBy("another-rule")).isSameAs(first).extracting(Violation::rule)
                .isEqualTo("url-uses-web-scheme");
    }
}
