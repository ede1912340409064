package health.registration.testkit;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS emulator the emulator tests can call, and what they hand the AWS SDK to reach it.
 *
 * @param kind          which emulator
 * @param endpoint      its URL on loopback, {@code http://127.0.0.1:<port>}
 * @param region        the region the SDK's clients are built for
 * @param sdkProperties the SDK's own system properties ({@code aws.endpointUrl}, {@code aws.region}, test
 *                      credentials) this JVM sets so that clients built from the environment alone reach the
 *                      emulator; empty for moto, which {@code scripts/lib/moto.sh} announces through the variables
 * @param environment   what a child process (such as {@code scripts/local-api}) is given to reach the emulator
 */
public record RunningEmulator(EmulatorKind kind, URI endpoint, Region region, Map<String, String> sdkProperties,
        Map<String, String> environment) {

    public RunningEmulator {
        sdkProperties = Map.copyOf(sdkProperties);
        environment = Map.copyOf(environment);
    }
}
