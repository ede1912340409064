package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy section 5: what probing found reaches the policy through the context. */
class UrlsAreHostedTest {

    private static final Rule RULE = new UrlsAreHosted();

    @Test
    void reportsNothingWhenTheUrlsWereNotProbed() {
        assertThat(RULE.check(ValidMetadata.metadata(), ValidMetadata.CONTEXT)).isEmpty();
    }

    @Test
    void reportsEveryProbeFindingAsGiven() {
        List<Violation> findings = List.of(
                Violation.error("/redirect_uris/0", RegistrationErrorCode.INVALID_REDIRECT_URI, "redirect_uris/0 answered HTTP 404"),
                Violation.warning("/tos_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "tos_uri did not answer"));

        assertThat(RULE.check(ValidMetadata.metadata(), ValidMetadata.CONTEXT.withProbeFindings(findings)))
                .containsExactlyElementsOf(findings);
    }
}
