package health.registration.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deployed shape that keeps anonymous probing from starving registration (the local API does not emulate
 * reserved concurrency, so the template is where this holds): POST /probe is served by a function of its own with its
 * own reserved concurrency, and every function that probes for registration, updates, re-verification or
 * certificates invokes the probe function, which has no API route and a reserved concurrency of its own.
 */
class PublicProbeTemplateTest {

    private final JsonNode resources = TemplateTable.resources();

    @Test
    void postProbeIsServedByThePublicProbeFunctionAlone() {
        List<String> servers = new ArrayList<>();
        resources.properties().forEach(resource -> resource.getValue().path("Properties").path("Events").forEach(event -> {
            if ("Api".equals(event.path("Type").asText()) && "/probe".equals(event.path("Properties").path("Path").asText())) {
                servers.add(resource.getKey());
            }
        }));

        assertThat(servers).as("POST and ANY /probe").isNotEmpty().containsOnly("PublicProbeFunction");
        assertThat(resources.path("ProbeFunction").path("Properties").path("Events").isMissingNode()
                || resources.path("ProbeFunction").path("Properties").path("Events").isEmpty())
                .as("the probe function has no API route").isTrue();
    }

    @Test
    void eachProbingFunctionHasItsOwnReservedConcurrency() {
        JsonNode publicProbe = resources.path("PublicProbeFunction").path("Properties");
        JsonNode probe = resources.path("ProbeFunction").path("Properties");

        // !If [ReservesConcurrency, !Ref <parameter>, !Ref AWS::NoValue]: each tag reads as its text.
        assertThat(publicProbe.path("ReservedConcurrentExecutions").toString())
                .isEqualTo("[\"ReservesConcurrency\",\"PublicProbeConcurrency\",\"AWS::NoValue\"]");
        assertThat(probe.path("ReservedConcurrentExecutions").toString())
                .isEqualTo("[\"ReservesConcurrency\",\"ProbeConcurrency\",\"AWS::NoValue\"]");
        assertThat(publicProbe.path("CodeUri").asText()).isEqualTo(probe.path("CodeUri").asText());
        assertThat(publicProbe.path("Handler").asText()).isEqualTo(PublicProbeHandler.class.getName() + "::handleRequest");
    }

    @Test
    void everyFunctionThatProbesInvokesTheProbeFunctionNeverThePublicOne() {
        List<String> invoked = new ArrayList<>();
        resources.forEach(resource -> {
            JsonNode name = resource.path("Properties").path("Environment").path("Variables").path("PROBE_FUNCTION_NAME");
            if (!name.isMissingNode()) {
                invoked.add(name.asText());
            }
        });

        assertThat(invoked).isNotEmpty().containsOnly("ProbeFunction.Alias");
    }
}
