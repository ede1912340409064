package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issuer certificates (RFC 5280 §4.2.2.1 caIssuers) fetched by the probe function through the Invoke API. */
class LambdaIssuerCertificateSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "registration-probe:live";
    private static final String URL = "http://ca.example.com/issuer.cer";
    /** A self-signed CA certificate (P-256). */
    private static final String DER = "MIIBlTCCATugAwIBAgIUTJsCCYsf4HJbShep+z8CMqBMuPMwCgYIKoZIzj0EAwIwHzEdMBsGA1UEAwwU"
            + "UHJvYmUgVGVzdCBJc3N1ZXIgQ0EwIBcNMjYxMjA3MTU0NjMyWhgPMjEyNjExMTMxNTQ2MzJaMB8xHTAbBgNVBAMMFFByb2JlIFRlc3QgSXNz"
            + "dWVyIENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEwK9AzTbLQWGvS3sXfUKr+4sfsh/gCVQLrOIqHGAn5MTgNCdMA0rDIdkILuUuAY4p"
            + "NjjxzLxIIRdBnVKEVdbEj6NTMFEwHQYDVR0OBBYEFJt+V8aTjapHFPSg3MfHNhrPLSf1MB8GA1UdIwQYMBaAFJt+V8aTjapHFPSg3MfHNhrP"
            + "LSf1MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhALJELcDsaOcCgqpnJLLZVWTW8KPkGxIevMWMDH3AWPllAiBNfhEBahPN"
            + "xEvOKng0dCB5tGBu2X+OIzFsGliCH3AfXw==";

    private FakeLambda lambda;
    private LambdaInvoke client;

    @BeforeEach
    void start() throws IOException {
        lambda = FakeLambda.start();
        client = lambda.invoker();
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    @Test
    void invokesTheProbeFunctionWithTheUrlAndReadsTheCertificates() throws Exception {
        lambda.answer(200, Map.of(), "{\"certificates\": [\"" + DER + "\"]}");

        var certificates = new LambdaIssuerCertificateSource(client, FUNCTION).certificates(URI.create(URL));

        X509Certificate expected = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(DER)));
        assertThat(certificates).containsExactly(expected);
        assertThat(lambda.invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.path()).isEqualTo("/2015-03-31/functions/" + FUNCTION + "/invocations");
            assertThat(JSON.readTree(invocation.body()).path("issuer_url").asText()).isEqualTo(URL);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"error\": \"issuer_unavailable\"}", "{\"certificates\": \"" + "x" + "\"}",
        "{\"certificates\": [\"not base64!\"]}", "{\"certificates\": [\"AAAA\"]}", "not json"})
    void isEmptyWhenTheAnswerHoldsNoCertificates(String answer) {
        lambda.answer(200, Map.of(), answer);

        assertThat(new LambdaIssuerCertificateSource(client, FUNCTION).certificates(URI.create(URL))).isEmpty();
    }

    @Test
    void isEmptyOnAFunctionError() {
        lambda.answer(200, Map.of("X-Amz-Function-Error", "Unhandled"), "{\"errorMessage\":\"timed out\"}");

        assertThat(new LambdaIssuerCertificateSource(client, FUNCTION).certificates(URI.create(URL))).isEmpty();
    }
}
