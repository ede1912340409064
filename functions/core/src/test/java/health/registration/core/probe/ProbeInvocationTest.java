package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.reverify.ReverificationSettings;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeInvocationTest {

    @Test
    void eachRequestCarriesTheMemberTheProbeFunctionReads() {
        assertThat(ProbeInvocation.text(ProbeInvocation.crlRequest("https://ca.example.com/ca.crl"), ProbeInvocation.CRL_URL))
                .contains("https://ca.example.com/ca.crl");
        assertThat(ProbeInvocation.text(ProbeInvocation.issuerRequest("https://ca.example.com/ca.cer"), ProbeInvocation.ISSUER_URL))
                .contains("https://ca.example.com/ca.cer");
        assertThat(ProbeInvocation.text(ProbeInvocation.challengeRequest("https://app.example.com/c"), ProbeInvocation.CHALLENGE_URL))
                .contains("https://app.example.com/c");
        assertThat(ProbeInvocation.metadataRequest(JsonNodeFactory.instance.objectNode()).path(ProbeInvocation.METADATA).isObject())
                .isTrue();
        assertThat(ProbeInvocation.text(JsonNodeFactory.instance.objectNode().put(ProbeInvocation.CRL_URL, 7),
                ProbeInvocation.CRL_URL)).isEmpty();
        assertThat(ProbeInvocation.text(null, ProbeInvocation.CRL_URL)).isEmpty();
    }

    @Test
    void readsAtMostTheCapOfIssuerCertificates() {
        ObjectNode atCap = JsonNodeFactory.instance.objectNode();
        IntStream.range(0, ProbeInvocation.MAX_CERTIFICATES).forEach(i -> atCap.withArray(ProbeInvocation.CERTIFICATES).add("AQ=="));
        ObjectNode overCap = atCap.deepCopy();
        overCap.withArray(ProbeInvocation.CERTIFICATES).add("AQ==");

        assertThat(ProbeInvocation.certificates(atCap)).hasSize(ProbeInvocation.MAX_CERTIFICATES);
        assertThat(ProbeInvocation.certificates(overCap)).isEmpty();
        assertThat(ProbeInvocation.certificates(ProbeInvocation.unavailable(ProbeInvocation.Unavailable.ISSUER))).isEmpty();
    }

    @Test
    void answersUnreadablePayloadsWithInvalidRequest() {
        assertThat(ProbeInvocation.invalidRequest("why").toString())
                .isEqualTo("{\"error\":\"invalid_request\",\"error_description\":\"why\"}");
        assertThat(ProbeInvocation.unavailable(ProbeInvocation.Unavailable.CRL).toString()).isEqualTo("{\"error\":\"crl_unavailable\"}");
    }

    @Test
    void reverificationSendsNoChunkBeyondTheTargetCap() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReverificationSettings(Duration.ofHours(24), Duration.ZERO,
                Duration.ofHours(6), Duration.ofHours(1), 3, Duration.ofHours(72), 500, 10_000, 1_000,
                ProbeInvocation.MAX_TARGETS + 1, 8, 60)).withMessageContaining("at most " + ProbeInvocation.MAX_TARGETS);
        assertThat(ReverificationSettings.defaults().probeChunk()).isLessThanOrEqualTo(ProbeInvocation.MAX_TARGETS);
    }

    @Test
    void namesTheCallersRequestOnlyWhileWorkingOnItsBehalf() {
        ObjectNode during = ProbeInvocation.onBehalfOf("api-req-1",
                () -> ProbeInvocation.fromCaller(ProbeInvocation.crlRequest("https://ca.example.com/ca.crl")));

        assertThat(ProbeInvocation.callerRequestId(during)).contains("api-req-1");
        assertThat(ProbeInvocation.text(during, ProbeInvocation.CRL_URL)).contains("https://ca.example.com/ca.crl");
        assertThat(ProbeInvocation.fromCaller(ProbeInvocation.crlRequest("https://ca.example.com/ca.crl"))
                .has(ProbeInvocation.CALLER_REQUEST_ID)).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "c5b8d3e2-7f0a-4a51-9d43-2b1f0e6a9c11 | true  | an API Gateway or Lambda request id",
            "scheduled:2026-11-28T03:00:00Z      | true  | a re-verification run id",
            "''                                  | false | empty",
            "id with spaces                      | false | not an id: spaces",
            "id\\nforged                        | false | not an id: a backslash",
            "{\"level\":\"ERROR\"}            | false | not an id: JSON"})
    void logsOnlyACallerRequestIdThatLooksLikeOne(String id, boolean logged, String reason) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put(ProbeInvocation.CALLER_REQUEST_ID, id);

        assertThat(ProbeInvocation.callerRequestId(payload).isPresent()).as(reason).isEqualTo(logged);
    }

    @Test
    void logsNoCallerRequestIdLongerThanTheCap() {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put(ProbeInvocation.CALLER_REQUEST_ID, "a".repeat(ProbeInvocation.MAX_CALLER_REQUEST_ID + 1));

        assertThat(ProbeInvocation.callerRequestId(payload)).isEmpty();
    }

    @Test
    void logsACallerRequestIdOfExactlyTheCap() {
        String longest = "a".repeat(ProbeInvocation.MAX_CALLER_REQUEST_ID);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put(ProbeInvocation.CALLER_REQUEST_ID, longest);

        assertThat(ProbeInvocation.callerRequestId(payload)).contains(longest);
    }
}
