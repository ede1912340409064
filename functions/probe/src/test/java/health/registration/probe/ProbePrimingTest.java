package health.registration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.PolicyContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProbePrimingTest {

    @Test
    void primingAnswersEveryKindOfInvocationOverTlsToItsLoopbackSite() {
        ProbePriming priming = new ProbePriming(new PolicyContext(URI.create("https://manual.example.org/register")));

        priming.beforeCheckpoint(null);

        // Every URL answered by the in-process site: app.example.com itself would not have answered (no network).
        assertThat(priming.outcomes()).containsExactly("passed=true", "probes:array", "error=crl_unavailable", "200");
        assertThat(priming.handshakes()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void thePublicFunctionsPrimingAlsoCountsItsProbeRequestInMemory() {
        ProbePriming priming = new ProbePriming(new PolicyContext(URI.create("https://manual.example.org/register")),
                java.util.Optional.of("request-counts"));

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("passed=true", "probes:array", "error=crl_unavailable", "200",
                "public=200");
        // The source quota's UpdateItem, signed and marshalled as for real, answered by the in-memory endpoint.
        assertThat(priming.countedRequests()).isEqualTo(1);
    }
}
