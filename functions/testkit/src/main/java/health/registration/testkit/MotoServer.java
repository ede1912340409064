package health.registration.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.SdkClient;

/**
 * The moto server that every emulator test ({@code *IT}) runs against. {@code scripts/test}, or
 * {@code source scripts/lib/moto.sh && start_moto}, starts it on loopback and exports {@code AWS_ENDPOINT_URL}, which
 * the SDK reads by itself. Tests check here first and fail, never skip, when it is missing or not loopback, so that
 * no test can reach real AWS.
 */
public final class MotoServer {

    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    private static final String HOW = "run the emulator tests through scripts/test, or "
            + "`source scripts/lib/moto.sh && start_moto` first";

    private MotoServer() {}

    /** The emulator's URL, {@code http://127.0.0.1:<port>}; fails the test when it is missing or anything else. */
    public static URI endpoint() {
        String value = System.getenv(ENDPOINT_VARIABLE);
        if (value == null || value.isBlank()) {
            fail(ENDPOINT_VARIABLE + " is not set: " + HOW);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return fail(ENDPOINT_VARIABLE + " is not a URL: " + HOW);
        }
        if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() < 1) {
            fail(ENDPOINT_VARIABLE + " must be http://127.0.0.1:<port>, a local moto server, not " + value + ": " + HOW);
        }
        return uri;
    }

    /**
     * Fails unless the client will call the emulator. What the SDK resolved is checked, not only the variable: a
     * service-specific {@code AWS_ENDPOINT_URL_<SERVICE>}, or {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}, would
     * otherwise send a test to AWS.
     */
    public static <C extends SdkClient> C require(C client) {
        URI expected = endpoint();
        Optional<URI> resolved = client.serviceClientConfiguration().endpointOverride();
        if (resolved.isEmpty() || !expected.equals(resolved.get())) {
            fail(client.serviceName() + " would call " + resolved.map(URI::toString).orElse("AWS itself")
                    + ", not the moto server at " + expected + ": " + HOW);
        }
        return client;
    }
}
