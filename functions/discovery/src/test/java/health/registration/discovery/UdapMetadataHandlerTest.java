package health.registration.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.udap.UdapMetadataFixture;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UdapMetadataHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode SAMPLE = SampleEvents.read(SampleEvents.folder().resolve("udap-metadata.json"));
    private static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();

    private final UdapMetadataHandler handler =
            new UdapMetadataHandler(Optional.of(FIXTURE.metadata(true, Clock.systemUTC())));
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("udap-metadata");

    /** The proxy response's status, headers and body text. */
    private record Answer(int status, JsonNode headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Answer invoke(UdapMetadataHandler function, ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), response.path("body").asText());
    }

    /** The sample event with {@code ?community=<uri>}, as API Gateway decodes it into both parameter maps. */
    private static ObjectNode withCommunity(String community) {
        ObjectNode event = SAMPLE.deepCopy();
        event.putObject("queryStringParameters").put("community", community);
        event.putObject("multiValueQueryStringParameters").putArray("community").add(community);
        return event;
    }

    @Test
    void answersTheSampleEventWithTheSignedDocument() throws Exception {
        Answer answer = invoke(handler, SAMPLE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(answer.headers().path("Cache-Control").asText()).isEqualTo("public, max-age=300");
        assertThat(answer.headers().has("Pragma")).isFalse();
        JsonNode document = answer.json();
        assertThat(document.path("udap_versions_supported").toString()).isEqualTo("[\"1\"]");
        assertThat(document.path("registration_endpoint").asText())
                .isEqualTo(UdapMetadataFixture.REGISTRATION_ENDPOINT.toString());
        assertThat(SignedJWT.parse(document.path("signed_metadata").asText()).getJWTClaimsSet().getIssuer())
                .isEqualTo(UdapMetadataFixture.BASE_URL);
    }

    @Test
    void answersAKnownCommunityWithTheSameDocument() throws Exception {
        Answer plain = invoke(handler, SAMPLE);
        Answer community = invoke(handler, withCommunity(UdapMetadataFixture.COMMUNITY));

        assertThat(community.status()).isEqualTo(200);
        assertThat(community.body()).isEqualTo(plain.body());
    }

    @Test
    void answersAnUnknownCommunityWithNoContent() throws Exception {
        Answer answer = invoke(handler, withCommunity("urn:example:udap:unknown-community"));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(lambda.loggedLines()).noneMatch(line -> line.contains("unknown-community"));
    }

    @Test
    void answersNotFoundWithAJsonErrorWhenUdapIsOff() throws Exception {
        Answer answer = invoke(new UdapMetadataHandler(Optional.empty()), SAMPLE);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers().path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(answer.json().path("error").asText()).isEqualTo("not_found");
        assertThat(answer.json().path("error_description").asText()).contains("UDAP");
    }

    @Test
    void neverLogsThePrivateKey() throws Exception {
        invoke(handler, SAMPLE);
        invoke(handler, withCommunity(UdapMetadataFixture.COMMUNITY));
        invoke(handler, withCommunity("urn:example:udap:other"));
        invoke(new UdapMetadataHandler(Optional.empty()), SAMPLE);
        String key = Base64.getEncoder().encodeToString(FIXTURE.server().privateKey().getEncoded());
        String keyInPem = FIXTURE.keyPem().lines().skip(1).findFirst().orElseThrow();

        assertThat(lambda.loggedJson()).hasSize(4).allMatch(line -> line.path("function").asText().equals("udap-metadata")
                && line.path("level").asText().equals("INFO") && line.hasNonNull("apiRequestId"));
        assertThat(String.join("", lambda.loggedLines()))
                .doesNotContain(key.substring(0, 40), keyInPem, "PRIVATE KEY", "signed_metadata");
    }
}
