package health.registration.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The moto server, the default emulator ({@link EmulatorKind#MOTO}). {@code scripts/test}, or
 * {@code source scripts/lib/moto.sh && start_moto}, starts it on loopback and exports {@code AWS_ENDPOINT_URL} and
 * {@code AWS_REGION}, which the SDK reads by itself. The variable is checked here and the test fails, never skips,
 * when it is missing or not loopback, so that no test can reach real AWS.
 */
final class MotoServer {

    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    static final String REGION_VARIABLE = "AWS_REGION";
    /** moto.sh's region when the shell sets none. */
    static final String DEFAULT_REGION = "us-east-1";
    static final String HOW = "run the emulator tests through scripts/test, or "
            + "`source scripts/lib/moto.sh && start_moto` first";

    private MotoServer() {}

    /** The moto server {@code environment} announces; fails the test when it announces none or anything else. */
    static RunningEmulator fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENDPOINT_VARIABLE);
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
        Region region = Region.of(Optional.ofNullable(environment.get(REGION_VARIABLE)).map(String::strip)
                .filter(r -> !r.isEmpty()).orElse(DEFAULT_REGION));
        return new RunningEmulator(EmulatorKind.MOTO, uri, region, Map.of(), Map.of(ENDPOINT_VARIABLE, value));
    }
}
