package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The local bearer token that stands in for AWS_IAM on every path under /operator/. */
class OperatorGuardTest {

    private static final String TOKEN = "local-operator-token-0123456789";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    /** Operator routes of two functions (as the client and certificate halves will be) and an open one, all echoing. */
    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              OperatorFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: health.registration.local.EchoHandler::handleRequest
                  Events:
                    Clients:
                      Type: Api
                      Properties: {Path: "/operator/clients/{client_id}", Method: get, Auth: {Authorizer: AWS_IAM}}
              CertificateFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: health.registration.local.EchoHandler::handleRequest
                  Events:
                    Certificates:
                      Type: Api
                      Properties: {Path: /operator/certificates, Method: post, Auth: {Authorizer: AWS_IAM}}
              OpenFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: health.registration.local.EchoHandler::handleRequest
                  Events:
                    Echo:
                      Type: Api
                      Properties: {Path: /echo, Method: get}
            """;

    @Nested
    class Decisions {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"/operator", "/operator/", "/operator/clients", "/operator/certificates/12/revoke",
                "/Operator/clients", "/authority", "/authority/clients/abc", "/authority/clients/abc/verify-secret",
                "/Authority/clients/abc"})
        void guardsEveryPathUnderOperatorAndAuthority(String path) {
            assertThat(OperatorGuard.guards(path)).isTrue();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"/register", "/operators", "/operatorclients", "/register/operator", "/", "/authorityclients",
                "/register/authority"})
        void leavesOtherPathsAlone(String path) {
            assertThat(OperatorGuard.guards(path)).isFalse();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(nullValues = "NULL", textBlock = """
            NULL
            ''
            '   '
            """)
        void refusesEverythingWith403WhenNoTokenIsConfigured(String configured) {
            OperatorGuard guard = OperatorGuard.of(configured);

            OperatorGuard.Decision decision = guard.decide(Map.of("Authorization", List.of("Bearer " + TOKEN)));

            assertThat(decision).isInstanceOfSatisfying(OperatorGuard.Decision.Refused.class,
                    refused -> assertThat(refused.answer().statusCode()).isEqualTo(403));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(nullValues = "NULL", textBlock = """
            no header                     | NULL
            another token                 | Bearer local-operator-token-0123456780
            a prefix of the token         | Bearer local-operator-token
            the token without Bearer      | local-operator-token-0123456789
            Basic                         | Basic bG9jYWw6b3BlcmF0b3I=
            """, delimiter = '|')
        void refusesAWrongOrMissingTokenWith401(String what, String authorization) {
            Map<String, List<String>> headers = authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization));

            OperatorGuard.Decision decision = OperatorGuard.of(TOKEN).decide(headers);

            assertThat(decision).isInstanceOfSatisfying(OperatorGuard.Decision.Refused.class, refused -> {
                assertThat(refused.answer().statusCode()).isEqualTo(401);
                assertThat(refused.answer().headers()).containsKey("WWW-Authenticate");
                assertThat(new String(refused.answer().body(), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
            });
        }

        @Test
        void refusesTwoAuthorizationHeaders() {
            OperatorGuard.Decision decision = OperatorGuard.of(TOKEN)
                    .decide(Map.of("authorization", List.of("Bearer " + TOKEN, "Bearer other")));

            assertThat(decision).isInstanceOf(OperatorGuard.Decision.Refused.class);
        }

        @Test
        void admitsTheTokenAsTheLocalCallerWhateverTheCaseOfBearer() {
            assertThat(OperatorGuard.of(TOKEN).decide(Map.of("authorization", List.of("bearer " + TOKEN))))
                    .isEqualTo(new OperatorGuard.Decision.Admitted(OperatorGuard.LOCAL_CALLER));
        }

        @Test
        void refusesATokenTooShortToBeSafe() {
            assertThatIllegalArgumentException().isThrownBy(() -> OperatorGuard.of("short"))
                    .withMessageContaining(OperatorGuard.TOKEN_VARIABLE);
        }
    }

    @Nested
    class OverHttp {

        private HttpResponse<String> get(LocalApi api, String path, String authorization) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUri() + path)).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        private LocalApi start(Path dir, String token, ByteArrayOutputStream out) throws Exception {
            Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
            PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
            return LocalApi.start(template, 0, OperatorGuard.of(token), console, console);
        }

        @Test
        void admitsTheTokenOnEveryOperatorFunctionNamingTheLocalCallerWithoutPassingTheTokenOn(@TempDir Path dir)
                throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LocalApi api = start(dir, TOKEN, out)) {
                HttpResponse<String> response = get(api, "/operator/clients/abc", "Bearer " + TOKEN);

                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode event = MAPPER.readTree(response.body());
                assertThat(event.path("requestContext").path("identity").path("userArn").asText()).isEqualTo(OperatorGuard.LOCAL_CALLER);
                assertThat(event.path("pathParameters").path("client_id").asText()).isEqualTo("abc");
                assertThat(response.body()).doesNotContain(TOKEN);
                HttpRequest post = HttpRequest.newBuilder(URI.create(api.baseUri() + "/operator/certificates"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                assertThat(CLIENT.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).as("no token").isEqualTo(401);
                HttpRequest signed = HttpRequest.newBuilder(URI.create(api.baseUri() + "/operator/certificates"))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                assertThat(CLIENT.send(signed, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        }

        @Test
        void refusesWithoutTheTokenBeforeAnyHandlerRuns(@TempDir Path dir) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LocalApi api = start(dir, TOKEN, out)) {
                assertThat(get(api, "/operator/clients/abc", null).statusCode()).isEqualTo(401);
                assertThat(get(api, "/operator/clients/abc", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
                assertThat(get(api, "/operator/nothing-here", null).statusCode()).as("unknown operator path").isEqualTo(403);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("echo /operator");
        }

        @Test
        void switchesTheOperatorRoutesOffWithoutAToken(@TempDir Path dir) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (LocalApi api = start(dir, null, out)) {
                HttpResponse<String> refused = get(api, "/operator/clients/abc", "Bearer " + TOKEN);

                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(MAPPER.readTree(refused.body()).path("error_description").asText()).contains(OperatorGuard.TOKEN_VARIABLE);
                assertThat(get(api, "/echo", null).statusCode()).as("open routes still served").isEqualTo(200);
            }
        }

        @Test
        void neverNamesACallerOnOpenRoutes(@TempDir Path dir) throws Exception {
            try (LocalApi api = start(dir, TOKEN, new ByteArrayOutputStream())) {
                HttpResponse<String> response = get(api, "/echo", "Bearer " + TOKEN);

                assertThat(MAPPER.readTree(response.body()).path("requestContext").path("identity").has("userArn")).isFalse();
            }
        }
    }
}
