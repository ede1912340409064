package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading and checking the wire answers of {@code POST /probe}: the report
 * ({@code {"passed", "results": [{"field", "member", "url", "outcome", "status", "location", "addresses",
 * "elapsed_ms", "verdict", "description"}]}}) and the RFC 7591 error.
 */
final class ProbeReports {

    private ProbeReports() {}

    /** The report's one result, failing when there are more or none. */
    static JsonNode onlyResult(JsonNode report) {
        assertThat(report.path("results")).as(report.toString()).hasSize(1);
        return report.path("results").path(0);
    }

    /** The result for a member or entry, by its JSON pointer ({@code /redirect_uris/0}). */
    static JsonNode result(JsonNode report, String pointer) {
        for (JsonNode result : report.path("results")) {
            if (result.path("field").asText().equals(pointer)) {
                return result;
            }
        }
        throw new AssertionError("no result for " + pointer + " in " + report);
    }

    /** Outcome, verdict and HTTP status ({@code null} when there was no HTTP answer). */
    static void assertOutcome(JsonNode result, String outcome, String verdict, Integer status) {
        assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo(outcome);
        assertThat(result.path("verdict").asText()).as(result.toString()).isEqualTo(verdict);
        if (status == null) {
            assertThat(result.path("status").isNull()).as(result.toString()).isTrue();
        } else {
            assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(status);
        }
    }

    /** RFC 7591 §3.2.2 with this service's {@code errors} list: one problem, about the body as a whole. */
    static void assertRfc7591Error(JsonNode error, String descriptionNames) {
        assertThat(error.path("error").asText()).as(error.toString()).isEqualTo("invalid_client_metadata");
        assertThat(error.path("error_description").asText()).contains(descriptionNames);
        assertThat(error.path("errors")).hasSize(1);
        assertThat(error.path("errors").path(0).path("field").asText()).isEmpty();
        assertThat(error.path("errors").path(0).path("code").asText()).isEqualTo("invalid_client_metadata");
    }
}
