package health.registration.local;

import static health.registration.local.RegistrationAnswers.assertNewClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, the API's HTTP behaviour (docs/api/registration.md, "HTTP behaviour") through {@code scripts/local-api}
 * (the packaged jar, the real template and handlers, HTTPS fixtures on 127.0.0.141, DynamoDB and Secrets Manager in
 * moto): an unknown path answers 404 and a method a resource does not declare 405 with {@code Allow}, both with the RFC
 * 7591 error JSON (RFC 9110 §15.5.5, §15.5.6); the RFC 7592 endpoint challenges a request without a token with a bare
 * {@code WWW-Authenticate: Bearer} and a wrong token with {@code error="invalid_token"} (RFC 6750 §3, §3.1).
 */
class HttpBehaviourIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "http-behaviour-it-" + Long.toHexString(System.nanoTime()) + "-local-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalRegistrationService service;
    private static ClientInformation registered;

    private record Answer(int status, Optional<String> allow, Optional<String> challenge, String contentType, JsonNode json) {}

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("http-behaviour-it", "127.0.0.141", "http", 2,
                Map.of(OperatorGuard.TOKEN_VARIABLE, TOKEN));
        registered = assertNewClient(service.client().register(RegistrationMetadata.hostedOn(service.sites().nextHost())),
                service.publicBaseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static Answer send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.api().baseUri().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Allow"),
                response.headers().firstValue("WWW-Authenticate"),
                response.headers().firstValue("Content-Type").orElse(""), json);
    }

    private static void assertErrorJson(Answer answer, String error) {
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("error").asText()).as(answer.json().toString()).isEqualTo(error);
        assertThat(answer.json().path("error_description").asText()).isNotBlank();
        assertThat(answer.json().path("errors")).singleElement().satisfies(problem -> {
            assertThat(problem.path("field").asText()).isEmpty();
            assertThat(problem.path("code").asText()).isEqualTo(error);
        });
    }

    private static String clientPath() {
        return "/register/" + registered.getID().getValue();
    }

    @ParameterizedTest(name = "{0} {1} -> 404")
    @CsvSource(textBlock = """
            GET,  /assets
            GET,  /assets/a/b
            GET,  /nothing-here
            POST, /registers
            GET,  /register/a/b
            GET,  /operator
            GET,  /.well-known/openid-configuration
            """)
    void answersAnUnknownPathWith404AndOurErrorJson(String method, String path) throws Exception {
        Answer answer = send(method, path, Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(answer.status()).isEqualTo(404);
        assertErrorJson(answer, "not_found");
        assertThat(answer.allow()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> 405 Allow: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET     | /validate                              | POST
            GET     | /register                              | POST
            PUT     | /register                              | POST
            POST    | /register/{id}                         | GET, PUT, DELETE
            PATCH   | /register/{id}                         | GET, PUT, DELETE
            POST    | /.well-known/udap                      | GET
            DELETE  | /operator/clients                      | GET, POST
            PATCH   | /operator/clients/{id}                 | GET, PUT, DELETE
            GET     | /operator/clients/{id}/suspend         | POST
            OPTIONS | /register                              | POST
            POST    | /                                      | GET
            DELETE  | /assets/page.js                        | GET
            """)
    void answersAMethodTheResourceDoesNotDeclareWith405AndAllow(String method, String path, String allow) throws Exception {
        Answer answer = send(method, path.replace("{id}", registered.getID().getValue()),
                Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(405);
        assertThat(answer.allow()).contains(allow);
        assertErrorJson(answer, "invalid_request");
    }

    @Test
    void answersHeadWith405AndAllowWithoutABody() throws Exception {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(service.api().baseUri().resolve(clientPath().substring(1)))
                .timeout(Duration.ofSeconds(60)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, PUT, DELETE");
    }

    @Test
    void keepsAWrongMethodOnAnOperatorRouteBehindTheGuard() throws Exception {
        Answer answer = send("PATCH", "/operator/clients", Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.allow()).as("nothing about the route before authentication").isEmpty();
    }

    @Test
    void challengesARequestWithoutATokenWithABareBearer() throws Exception {
        Answer answer = send("GET", clientPath(), Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.challenge()).contains("Bearer");
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(answer.json().path("error_description").asText()).contains("Authorization: Bearer");
    }

    @Test
    void challengesAWrongTokenWithInvalidToken() throws Exception {
        Answer answer = send("GET", clientPath(), Map.of("Authorization", "Bearer not-the-registration-access-token"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.challenge()).contains("Bearer error=\"invalid_token\"");
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void stillAnswersTheDeclaredMethodThroughItsOwnRoute() throws Exception {
        Answer answer = send("GET", clientPath(), Map.of("Authorization", "Bearer "
                + registered.getRegistrationAccessToken().getValue()));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().path("client_id").asText()).isEqualTo(registered.getID().getValue());
    }
}
