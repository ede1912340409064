package health.registration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.PolicyContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProbePrimingTest {

    @Test
    void primingAnswersEveryKindOfInvocationWithoutFetching() {
        ProbePriming priming = new ProbePriming(new PolicyContext(URI.create("https://manual.example.org/register")));

        priming.beforeCheckpoint(null);

        // Every URL "answered" by the priming prober: a fetch would have failed (no site listens for app.example.com).
        assertThat(priming.outcomes()).containsExactly("passed=true", "probes:array", "error=crl_unavailable", "200");
    }
}
