package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.reverify.ReverificationSettings;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

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
}
