package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.limit.SourceQuota;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultsAreTwentyRegistrationsSixtyProbesAndTwentyFiveClientsPerDomain() {
        Settings none = new Settings(Map.of());

        assertThat(RequestLimits.registrationsPerSourcePerHour(none)).isEqualTo(20);
        assertThat(RequestLimits.probesPerSourcePerHour(none)).isEqualTo(60);
        assertThat(RequestLimits.clientsPerDomain(none)).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            REGISTRATIONS_PER_SOURCE_PER_HOUR | 3
            PROBES_PER_SOURCE_PER_HOUR        | 100000
            CLIENTS_PER_DOMAIN                | 1
            """)
    void readsEachLimitFromItsVariable(String variable, long value) {
        Settings settings = new Settings(Map.of(variable, String.valueOf(value)));

        long read = switch (variable) {
            case "REGISTRATIONS_PER_SOURCE_PER_HOUR" -> RequestLimits.registrationsPerSourcePerHour(settings);
            case "PROBES_PER_SOURCE_PER_HOUR" -> RequestLimits.probesPerSourcePerHour(settings);
            default -> RequestLimits.clientsPerDomain(settings);
        };
        assertThat(read).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "1.5"})
    void aLimitThatIsNoWholeNumberOfAtLeastOneStopsTheFunction(String value) {
        Settings settings = new Settings(Map.of(RequestLimits.REGISTRATIONS_PER_SOURCE_PER_HOUR, value));

        assertThatThrownBy(() -> RequestLimits.registrationsPerSourcePerHour(settings))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REGISTRATIONS_PER_SOURCE_PER_HOUR");
    }

    @Test
    void theCountsTableIsRequired() {
        assertThatThrownBy(() -> RequestLimits.requestCountsTable(new Settings(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REQUEST_COUNTS_TABLE");
    }

    @Test
    void refusesASourcePastTheLimitWith429RetryAfterAndTheRfc7591Error() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        SourceQuota quota = new SourceQuota("probe", (counter, limit, windowEnd) -> {
            long count = counts.getOrDefault(counter, 0L);
            counts.put(counter, count + 1);
            return count < limit;
        }, 1, Clock.fixed(Instant.parse("2026-12-07T10:45:00Z"), ZoneOffset.UTC));
        ApiRequest request = new ApiRequest("POST", "/probe", Map.of(), Map.of(), "{}", false, "r1").from("2001:db8::1");

        assertThat(RequestLimits.refusal(quota, request)).isEmpty();
        Optional<ApiResponse> refused = RequestLimits.refusal(quota, request.from("2001:db8::2"));

        assertThat(refused).isPresent();
        assertThat(refused.get().statusCode()).isEqualTo(429);
        assertThat(refused.get().headers()).containsEntry("Retry-After", "900");
        JsonNode body = JSON.readTree(refused.get().body());
        assertThat(body.path("error").asText()).isEqualTo("rate_limited");
        assertThat(body.path("error_description").asText()).contains("retry after 900 seconds");
        assertThat(body.path("errors")).hasSize(1);
        assertThat(counts).as("one /64, one counter").containsOnlyKeys("probe#2001:db8::/64#" + Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
    }
}
