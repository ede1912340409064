package health.registration.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateClientHandlerTest {

    private static final String MANUAL = "https://manual.example.org/register";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode BASE_EVENT = SampleEvents.read(SampleEvents.folder().resolve("validate-valid.json"));

    private final ValidateClientHandler handler =
            new ValidateClientHandler(Policies.openDynamicRegistration(), new PolicyContext(URI.create(MANUAL)));
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("validate");

    /** The proxy response's status and parsed body. */
    private record Answer(int status, JsonNode body, JsonNode headers) {}

    private Answer invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        return new Answer(response.path("statusCode").asInt(), JSON.readTree(response.path("body").asText()), response.path("headers"));
    }

    private Answer post(String body) throws IOException {
        return post(body, "application/json");
    }

    private Answer post(String body, String contentType) throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        return invoke(SampleEvents.withBody(BASE_EVENT, body, headers));
    }

    private static ObjectNode validMetadata() throws IOException {
        return (ObjectNode) JSON.readTree(BASE_EVENT.path("body").asText());
    }

    private static List<String> fields(JsonNode problems) {
        return problems.findValuesAsText("field");
    }

    static Stream<Path> sampleEvents() {
        return SampleEvents.files("validate-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void answersEverySampleEventWithAJsonReport(Path file) throws IOException {
        Answer answer = invoke(SampleEvents.read(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().path("Content-Type").asText()).isEqualTo("application/json");
        boolean expectValid = file.getFileName().toString().equals("validate-valid.json");
        assertThat(answer.body().path("valid").asBoolean()).isEqualTo(expectValid);
        assertThat(answer.body().path("errors").isEmpty()).isEqualTo(expectValid);
    }

    @Test
    void reportsEveryProblemOfTheManyProblemsEventInOneAnswer() throws IOException {
        Answer answer = invoke(SampleEvents.read(SampleEvents.folder().resolve("validate-many-problems.json")));
        JsonNode errors = answer.body().path("errors");

        assertThat(fields(errors)).contains("/redirect_uris/0", "/redirect_uris/1", "/redirect_uris/2", "/redirect_uris/3",
                "/logo_uri", "/contacts/0", "/tos_uri", "/policy_uri", "/client_name", "/grant_types/1", "/token_endpoint_auth_method");
        assertThat(errors.get(0).path("code").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(fields(answer.body().path("warnings"))).contains("/client_uri");
    }

    @Test
    void saysNothingAboutMembersItDoesNotUnderstandButChecksThoseItDoes() throws IOException {
        ObjectNode metadata = validMetadata();
        metadata.put("x_vendor_extension", 5).putNull("id_token_encrypted_response_alg");
        metadata.putArray("post_logout_redirect_uris").add("javascript:alert(1)");

        Answer answer = post(metadata.toString());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(fields(answer.body().path("errors"))).containsExactly("/post_logout_redirect_uris/0");
        assertThat(answer.body().path("warnings")).isEmpty();
    }

    @Test
    void answersValidForTheValidSampleWithNoWarnings() throws IOException {
        Answer answer = post(validMetadata().toString());

        assertThat(answer.body().path("valid").asBoolean()).isTrue();
        assertThat(answer.body().path("errors")).isEmpty();
        assertThat(answer.body().path("warnings")).isEmpty();
    }

    @Test
    void reportsOneErrorPerRequiredMemberForAnEmptyObject() throws IOException {
        Answer answer = post("{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("valid").asBoolean()).isFalse();
        assertThat(fields(answer.body().path("errors"))).containsExactly(
                "/redirect_uris", "/client_uri", "/logo_uri", "/contacts", "/tos_uri", "/policy_uri", "/client_name");
    }

    static Stream<Arguments> sectionSixContactExamples() {
        return Stream.of(
                Arguments.of("dev@example.com", List.of("https://app.example.com/cb"), "https://app.example.com", true),
                Arguments.of("ops@mail.example.co.uk", List.of("https://example.co.uk/cb"), "https://example.co.uk", true),
                Arguments.of("dev@example.org", List.of("https://example.com/cb"), "https://example.com", false),
                Arguments.of("me@alice.github.io", List.of("https://bob.github.io/cb"), "https://bob.github.io", false));
    }

    @ParameterizedTest(name = "{0} with {1} -> valid={3}")
    @MethodSource("sectionSixContactExamples")
    void givesTheSectionSixContactExamplesTheirVerdicts(String contact, List<String> redirects, String clientUri, boolean valid)
            throws IOException {
        ObjectNode metadata = validMetadata();
        metadata.putArray("contacts").add(contact);
        ArrayNode uris = metadata.putArray("redirect_uris");
        redirects.forEach(uris::add);
        metadata.put("client_uri", clientUri);
        metadata.put("logo_uri", clientUri + "/logo.png");
        metadata.put("tos_uri", clientUri + "/terms");
        metadata.put("policy_uri", clientUri + "/privacy");

        Answer answer = post(metadata.toString());

        assertThat(answer.body().path("valid").asBoolean()).as(answer.body().toString()).isEqualTo(valid);
        if (!valid) {
            assertThat(fields(answer.body().path("errors"))).containsExactly("/contacts");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x-argonaut-app:/cb           | true",
        "com.example.app:/cb          | true",
        "http://localhost/cb          | true",
        "https://127.0.0.1/cb         | true",
        "https://[::1]/cb             | true",
        "https://app.example.com/cb#x | false",
    })
    void refusesRedirectUrisThatDynamicRegistrationCannotAccept(String redirectUri, boolean manualHint) throws IOException {
        ObjectNode metadata = validMetadata();
        metadata.putArray("redirect_uris").add(redirectUri);

        JsonNode errors = post(metadata.toString()).body().path("errors");

        assertThat(fields(errors)).isNotEmpty().allMatch(f -> f.equals("/redirect_uris/0"));
        assertThat(errors.findValuesAsText("code")).containsOnly("invalid_redirect_uri");
        String descriptions = String.join(" ", errors.findValuesAsText("description"));
        assertThat(descriptions.contains("register manually at " + MANUAL)).isEqualTo(manualHint);
    }

    @Test
    void refusesClientCredentialsPointingToManualRegistrationOrAUdapCertificate() throws IOException {
        ObjectNode metadata = validMetadata();
        metadata.putArray("grant_types").add("client_credentials");
        metadata.remove("response_types");

        JsonNode error = post(metadata.toString()).body().path("errors").get(0);

        assertThat(error.path("field").asText()).isEqualTo("/grant_types/0");
        assertThat(error.path("code").asText()).isEqualTo("invalid_client_metadata");
        assertThat(error.path("description").asText()).contains(MANUAL).contains("UDAP client certificate");
    }

    static Stream<Arguments> unreadableBodies() throws IOException {
        ObjectNode thousandRedirects = validMetadata();
        ArrayNode uris = thousandRedirects.putArray("redirect_uris");
        for (int i = 0; i < 1000; i++) {
            uris.add("https://app.example.com/cb" + i);
        }
        ObjectNode numberName = validMetadata();
        numberName.put("client_name", 42);
        ObjectNode stringRedirect = validMetadata();
        stringRedirect.put("redirect_uris", "https://app.example.com/cb");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"client_name\": ", "application/json", 400, ""),
                Arguments.of("a JSON array", "[" + validMetadata() + "]", "application/json", 400, ""),
                Arguments.of("a body over 64 KiB", "{\"x\":\"" + "a".repeat(70_000) + "\"}", "application/json", 413, ""),
                Arguments.of("duplicate keys", "{\"client_name\":\"a\",\"client_name\":\"b\"}", "application/json", 400, ""),
                Arguments.of("a number where a string belongs", numberName.toString(), "application/json", 400, "/client_name"),
                Arguments.of("a string where an array belongs", stringRedirect.toString(), "application/json", 400, "/redirect_uris"),
                Arguments.of("1,000 redirect URIs", thousandRedirects.toString(), "application/json", 400, "/redirect_uris"),
                Arguments.of("a text/plain body", validMetadata().toString(), "text/plain", 415, ""));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("unreadableBodies")
    void answersUnreadableBodiesAsPolicySectionEightSays(String what, String body, String contentType, int status, String field)
            throws IOException {
        Answer answer = post(body, contentType);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body().path("error").asText()).isIn("invalid_client_metadata", "invalid_redirect_uri");
        assertThat(answer.body().path("error_description").asText()).isNotBlank();
        assertThat(fields(answer.body().path("errors"))).contains(field);
        assertThat(answer.body().has("valid")).isFalse();
    }

    @Test
    void keepsReportingEveryOtherProblemWhenAValueHasTheWrongType() throws IOException {
        Answer answer = post("{\"client_name\": 42, \"redirect_uris\": [\"http://localhost/cb\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_redirect_uri");
        assertThat(fields(answer.body().path("errors"))).contains("/client_name", "/redirect_uris/0", "/contacts", "/logo_uri");
    }

    @Test
    void logsOutcomesButNeverTheSubmittedValues() throws IOException {
        ObjectNode metadata = validMetadata();
        metadata.put("client_name", "Secret Project Name");
        metadata.putArray("contacts").add("private.person@example.com");

        post(metadata.toString());

        assertThat(lambda.loggedLines()).hasSize(1);
        assertThat(String.join("", lambda.loggedLines())).contains("valid=true")
                .doesNotContain("Secret Project Name").doesNotContain("private.person");
    }
}
