package health.registration.local;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.edge.AllowedMethods;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The template's side of the API's HTTP behaviour (docs/api/registration.md, "HTTP behaviour"): every resource has an
 * ANY method on the function of its declared ones, whose methods are the ones {@link AllowedMethods} names in {@code
 * Allow}; and the answers API Gateway makes itself carry our error JSON.
 */
class HttpBehaviourTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SamTemplate template;
    private static List<Route> routes;

    @BeforeAll
    static void read() throws Exception {
        template = SamTemplate.read(SamTemplateTest.REAL_TEMPLATE);
        routes = template.routes();
    }

    private static Map<String, Set<String>> methodsByResource(boolean any) {
        return routes.stream().filter(route -> route.method().equals(Route.ANY_METHOD) == any)
                .collect(groupingBy(route -> route.path().toString(), mapping(Route::method, toSet())));
    }

    @Test
    void givesEveryResourceAnAnyMethodOnTheFunctionOfItsDeclaredMethods() {
        Set<String> resources = methodsByResource(false).keySet();

        assertThat(methodsByResource(true).keySet()).isEqualTo(resources);
        for (Route route : routes) {
            assertThat(routes).as("ANY " + route.path() + " goes to " + route.function().logicalId())
                    .anyMatch(any -> any.method().equals(Route.ANY_METHOD) && any.path().equals(route.path())
                            && any.function().logicalId().equals(route.function().logicalId()));
        }
    }

    @Test
    void allowsExactlyTheMethodsTheTemplateDeclaresPerResource() {
        Map<String, Set<String>> declared = methodsByResource(false);

        assertThat(AllowedMethods.byResource().keySet()).isEqualTo(declared.keySet());
        declared.forEach((resource, methods) ->
                assertThat(new HashSet<>(AllowedMethods.of(resource))).as(resource).isEqualTo(methods));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(textBlock = """
            MISSING_AUTHENTICATION_TOKEN, 404, not_found
            REQUEST_TOO_LARGE,            413, invalid_client_metadata
            ACCESS_DENIED,                403, access_denied
            WAF_FILTERED,                 403, access_denied
            THROTTLED,                    429, rate_limited
            DEFAULT_4XX,                   '', invalid_request
            DEFAULT_5XX,                   '', server_error
            """)
    void customisesGatewayAnswersIntoOurErrorJson(String type, String status, String error) throws Exception {
        JsonNode response = template.gatewayResponses().path(type);
        // $context.error.messageString stands for a JSON string, quotes included.
        String text = response.path("ResponseTemplates").path("application/json").asText()
                .replace("$context.error.messageString", "\"Forbidden\"");
        JsonNode body = JSON.readTree(text);

        assertThat(response.path("StatusCode").asText()).isEqualTo(status == null ? "" : status);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).isNotBlank();
        assertThat(body.path("errors")).singleElement().satisfies(problem -> {
            assertThat(problem.path("field").asText()).isEmpty();
            assertThat(problem.path("code").asText()).isEqualTo(error);
            assertThat(problem.path("description").asText()).isEqualTo(body.path("error_description").asText());
        });
    }

    @Test
    void tellsAThrottledClientWhenToRetry() {
        assertThat(template.gatewayResponses().path("THROTTLED").path("ResponseParameters").path("Headers")
                .path("Retry-After").asText()).isEqualTo("'1'");
    }
}
