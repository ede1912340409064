package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    private static JsonNode body(ApiResponse response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void writesTheRfc7591ErrorWithEveryProblem() throws Exception {
        RegistrationError error = RegistrationError.of(List.of(
                Violation.error("/redirect_uris/0", RegistrationErrorCode.INVALID_REDIRECT_URI, "redirect_uris/0 must use https"),
                Violation.error("/client_name", RegistrationErrorCode.INVALID_CLIENT_METADATA, "client_name is required")));

        ApiResponse response = ErrorResponses.of(error);
        JsonNode body = body(response);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
        assertThat(body.path("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(body.path("error_description").asText()).startsWith("redirect_uris/0 must use https");
        assertThat(body.path("errors")).hasSize(2);
        assertThat(body.path("errors").get(1).path("field").asText()).isEqualTo("/client_name");
        assertThat(body.path("errors").get(1).path("code").asText()).isEqualTo("invalid_client_metadata");
        assertThat(body.path("errors").get(1).path("description").asText()).isEqualTo("client_name is required");
    }

    @Test
    void givesRequestRejectionsTheirStatusAndTheErrorJson() throws Exception {
        ApiResponse response = ErrorResponses.of(new RequestRejection.BodyTooLarge(65536));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEmpty();
        assertThat(ErrorResponses.of(new RequestRejection.UnsupportedMediaType()).statusCode()).isEqualTo(415);
    }

    @Test
    void answersServerErrorsWithoutDetail() throws Exception {
        ApiResponse response = ErrorResponses.serverError();

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(body(response).path("error").asText()).isEqualTo("server_error");
        assertThat(body(response).has("errors")).isFalse();
    }

    @Test
    void answersAMethodNotAllowedWithAllowAndTheErrorJson() throws Exception {
        ApiResponse response = ErrorResponses.methodNotAllowed(List.of("GET", "PUT", "DELETE"));
        JsonNode body = body(response);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET, PUT, DELETE").containsEntry("Content-Type", "application/json");
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asText()).contains("GET, PUT, DELETE");
        assertThat(body.path("errors")).singleElement().satisfies(problem -> {
            assertThat(problem.path("field").asText()).isEmpty();
            assertThat(problem.path("code").asText()).isEqualTo("invalid_request");
        });
    }
}
