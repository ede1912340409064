package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataBodyTest {

    private static ApiRequest post(String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("content-type", contentType);
        return new ApiRequest("POST", "/validate", headers, Map.of(), body, false, "test");
    }

    private static RequestRejection refusal(ApiRequest request) {
        MetadataBody.Reading reading = MetadataBody.read(request);
        assertThat(reading).isInstanceOf(MetadataBody.Refused.class);
        return ((MetadataBody.Refused) reading).rejection();
    }

    @Test
    void acceptsAJsonObjectKeepingOnlyTheMembersTheServiceUnderstands() {
        // RFC 7591 §2: unknown members are dropped where the request is read, so no later step sees them.
        MetadataBody.Reading reading = MetadataBody.read(post("application/json",
                "{\"client_name\":\"A\",\"x\":[1,{\"y\":null}],\"jwks\":{\"keys\":[]},\"client_id\":\"c\"}"));

        assertThat(reading).isInstanceOf(MetadataBody.Accepted.class);
        assertThat(((MetadataBody.Accepted) reading).metadata().names()).containsExactly("client_name", "jwks", "client_id");
    }

    @Test
    void readsABodyThatIsNotMetadataKeepingEveryMemberWithTheSameStrictness() {
        MetadataBody.Reading reading = MetadataBody.readObject(post("application/json", "{\"csr\":\"x\",\"metadata\":{\"y\":1}}"));

        assertThat(reading).isInstanceOf(MetadataBody.AcceptedObject.class);
        assertThat(((MetadataBody.AcceptedObject) reading).json().toString()).isEqualTo("{\"csr\":\"x\",\"metadata\":{\"y\":1}}");
        assertThat(MetadataBody.readObject(post("application/json", "{\"a\":1,\"a\":2}"))).isInstanceOf(MetadataBody.Refused.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\"", "application/json; foo=bar"})
    void acceptsJsonContentTypesInUtf8(String contentType) {
        assertThat(MetadataBody.read(post(contentType, "{}"))).isInstanceOf(MetadataBody.Accepted.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=iso-8859-1", "application/json-patch+json", "application/jsonx", ""})
    void refusesOtherContentTypesWith415(String contentType) {
        RequestRejection rejection = refusal(post(contentType, "{}"));

        assertThat(rejection.status()).isEqualTo(415);
        assertThat(rejection.description()).contains("application/json");
    }

    @Test
    void refusesAMissingContentTypeWith415() {
        assertThat(refusal(post(null, "{}")).status()).isEqualTo(415);
    }

    @Test
    void refusesBodiesOver64KibWith413BeforeParsing() {
        String padding = "x".repeat(64 * 1024);
        RequestRejection rejection = refusal(post("text/plain", "{\"a\":\"" + padding + "\"}"));

        assertThat(rejection.status()).isEqualTo(413);
        assertThat(rejection.description()).contains("65536");
    }

    @Test
    void acceptsABodyOfExactly64Kib() {
        String prefix = "{\"x\":\"";
        String body = prefix + "a".repeat(64 * 1024 - prefix.length() - 2) + "\"}";

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        assertThat(MetadataBody.read(post("application/json", body))).isInstanceOf(MetadataBody.Accepted.class);
    }

    @Test
    void countsBytesNotCharacters() {
        String body = "{\"x\":\"" + "é".repeat(33 * 1024) + "\"}";

        assertThat(refusal(post("application/json", body)).status()).isEqualTo(413);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{                                  | not well-formed JSON",
        "{\"a\":1,}                         | not well-formed JSON",
        "{'a':1}                            | not well-formed JSON",
        "{\"a\":1} {\"b\":2}                | not well-formed JSON",
        "{\"a\":NaN}                        | not well-formed JSON",
        "[]                                 | must be a JSON object",
        "[{\"client_name\":\"a\"}]          | must be a JSON object",
        "\"x\"                              | must be a JSON object",
        "42                                 | must be a JSON object",
        "null                               | must be a JSON object",
        "{\"a\":1,\"a\":2}                  | names a member twice",
        "{\"x\":{\"a\":1,\"a\":1}}          | names a member twice",
        "{\"x\":\"\\ud800\"}                | unpaired UTF-16 surrogate",
        "{\"x\":1e99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999} | longer than",
    })
    void refusesWhatIsNotOneReadableJsonObjectWith400(String body, String problem) {
        RequestRejection rejection = refusal(post("application/json", body));

        assertThat(rejection.status()).isEqualTo(400);
        assertThat(rejection.description()).contains(problem);
    }

    @Test
    void refusesAnUnpairedSurrogateInAMemberName() {
        assertThat(refusal(post("application/json", "{\"\\udc00\":1}")).status()).isEqualTo(400);
    }

    @Test
    void refusesAnEmptyBodyWith400() {
        assertThat(refusal(post("application/json", null)).description()).contains("empty");
        assertThat(refusal(post("application/json", "")).status()).isEqualTo(400);
    }

    @Test
    void pointsAtTheObjectThatRepeatsAMember() {
        assertThat(refusal(post("application/json", "{\"x\":{\"a\":1,\"a\":1}}")).field()).isEqualTo("/x");
        assertThat(refusal(post("application/json", "{\"a\":1,\"a\":2}")).field()).isEmpty();
    }

    @Test
    void acceptsNestingOf16LevelsAndRefuses17() {
        String sixteen = "{\"a\":".repeat(15) + "{}" + "}".repeat(15);
        String seventeen = "{\"a\":".repeat(16) + "{}" + "}".repeat(16);

        assertThat(MetadataBody.read(post("application/json", sixteen))).isInstanceOf(MetadataBody.Accepted.class);
        assertThat(refusal(post("application/json", seventeen)).description()).contains("16 levels");
    }

    @Test
    void refusesDeepNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(60_000);

        assertThat(refusal(post("application/json", deep)).description()).contains("16 levels");
    }

    @Test
    void refusesInvalidUtf8InABase64Body() {
        String body = Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        ApiRequest request = new ApiRequest("POST", "/validate", Map.of("Content-Type", "application/json"), Map.of(), body, true, "t");

        assertThat(refusal(request).description()).contains("UTF-8");
    }

    @Test
    void neverEchoesTheBodyInADescription() {
        RequestRejection rejection = refusal(post("application/json", "{\"<script>alert(1)</script>\":1,\"<script>alert(1)</script>\":2}"));

        assertThat(rejection.description()).doesNotContain("script");
    }
}
