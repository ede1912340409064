package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import org.junit.jupiter.api.Test;

class RegistrationReviewTest {

    private final IssuanceBench bench = new IssuanceBench();
    private final RegistrationReview review = bench.review();

    @Test
    void acceptsValidMetadataWithDefaultsWrittenOutAndWhatProbingFound() {
        RegistrationReview.Verdict verdict = review.review(ValidMetadata.metadata());

        assertThat(verdict).isInstanceOf(RegistrationReview.Accepted.class);
        RegistrationReview.Accepted accepted = (RegistrationReview.Accepted) verdict;
        assertThat(accepted.registered().text("token_endpoint_auth_method")).contains("client_secret_basic");
        assertThat(accepted.registered().toJson().path("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(accepted.registered().toJson().path("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(accepted.report().results()).extracting(ProbeResult::pointer)
                .containsExactly("/redirect_uris/0", "/client_uri", "/logo_uri", "/tos_uri", "/policy_uri");
        assertThat(accepted.result().valid()).isTrue();
        assertThat(bench.prober.calls()).isOne();
    }

    @Test
    void probesTheMetadataAsSentNotWithDefaults() {
        review.review(ValidMetadata.metadata());

        assertThat(bench.prober.probed()).singleElement().satisfies(m -> assertThat(m.names()).doesNotContain("grant_types"));
    }

    @Test
    void refusesWithEveryStaticProblemAndNeverProbes() {
        ClientMetadata broken = ClientMetadata.of(ValidMetadata.set(ValidMetadata.set(ValidMetadata.json(),
                "redirect_uris", "[\"http://app.example.com/callback\"]"), "contacts", "[\"not an address\"]"));

        RegistrationReview.Verdict verdict = review.review(broken);

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        assertThat(((RegistrationReview.Refused) verdict).error().errors()).extracting(Violation::field)
                .contains("/redirect_uris/0", "/contacts/0");
        assertThat(bench.prober.calls()).isZero();
    }

    @Test
    void refusesWithWhatProbingFound() {
        bench.prober.failing("https://app.example.com/callback", ProbeOutcome.REDIRECT);

        RegistrationReview.Verdict verdict = review.review(ValidMetadata.metadata());

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        var error = ((RegistrationReview.Refused) verdict).error();
        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(error.errors()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("/redirect_uris/0");
            assertThat(v.description()).contains("redirect");
        });
    }

    @Test
    void acceptsWithAWarningWhenProbingOnlyWarns() {
        bench.prober.answering("https://app.example.com/terms", ProbeOutcome.NOT_FOUND, ProbeVerdict.WARNING);

        RegistrationReview.Verdict verdict = review.review(ValidMetadata.metadata());

        assertThat(verdict).isInstanceOf(RegistrationReview.Accepted.class);
        assertThat(((RegistrationReview.Accepted) verdict).result().warnings()).extracting(Violation::field).containsExactly("/tos_uri");
    }
}
