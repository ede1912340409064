package health.registration.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator every emulator and end-to-end test ({@code *IT}) runs against: the one place they get its
 * endpoint, region and, for a child process, its variables. Which one is chosen by one switch
 * ({@link EmulatorKind}: {@code -Daws.emulator=localstack} or {@code AWS_EMULATOR=localstack}, the property winning):
 * <ul>
 *   <li>moto server (the default, and what this repository's CI runs): started by {@code scripts/lib/moto.sh}, which
 *       exports {@code AWS_ENDPOINT_URL}; read from the environment on every call ({@link MotoServer});</li>
 *   <li>LocalStack: started once per test JVM through Testcontainers ({@link LocalStackEmulator}), which then sets
 *       the SDK's own system properties ({@code aws.endpointUrl}, {@code aws.region}, test credentials) so that the
 *       adapters' clients, built from the environment as in Lambda, reach it. Testcontainers is loaded only then.</li>
 * </ul>
 * The tests create what they need (the template's tables through {@link TemplateTable}, queues, buses) through the
 * same clients whichever emulator runs, so one suite serves both. Without a usable emulator a test fails, never
 * skips, and no test can reach real AWS: {@link #require(SdkClient)} checks where each client will send its calls.
 */
public final class AwsEmulator {

    private static RunningEmulator localStack;
    private static AssertionError localStackFailure;

    private AwsEmulator() {}

    /** The emulator the switch names in this JVM. */
    public static EmulatorKind kind() {
        try {
            return EmulatorKind.chosen(System.getProperty(EmulatorKind.PROPERTY), System.getenv(EmulatorKind.VARIABLE));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    /** The emulator, started if need be; fails the test when there is none to run against. */
    public static RunningEmulator running() {
        return switch (kind()) {
            case MOTO -> MotoServer.fromEnvironment(System.getenv());
            case LOCALSTACK -> localStack();
        };
    }

    /** The emulator's URL, {@code http://127.0.0.1:<port>}. */
    public static URI endpoint() {
        return running().endpoint();
    }

    /** The region the SDK's clients are built for. */
    public static Region region() {
        return running().region();
    }

    /** What a child process is given to reach the emulator ({@code AWS_ENDPOINT_URL}, and for LocalStack more). */
    public static Map<String, String> environment() {
        return running().environment();
    }

    /**
     * Fails unless the client will call the emulator. What the SDK resolved is checked, not only the switch: a
     * service-specific {@code AWS_ENDPOINT_URL_<SERVICE>}, or {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}, would
     * otherwise send a test to AWS.
     */
    public static <C extends SdkClient> C require(C client) {
        RunningEmulator emulator = running();
        Optional<URI> resolved = client.serviceClientConfiguration().endpointOverride();
        if (resolved.isEmpty() || !emulator.endpoint().equals(resolved.get())) {
            fail(client.serviceName() + " would call " + resolved.map(URI::toString).orElse("AWS itself")
                    + ", not the " + emulator.kind().value() + " emulator at " + emulator.endpoint() + ": "
                    + (emulator.kind() == EmulatorKind.MOTO ? MotoServer.HOW
                            : "build it through AwsEmulator.client(...), once the emulator runs"));
        }
        return client;
    }

    /**
     * The client {@code build} makes once the emulator runs, checked as {@link #require(SdkClient)} checks it: for the
     * adapters' own clients ({@code AwsClients::dynamoDb}), which read the endpoint when they are built and are then
     * kept for the JVM, so that LocalStack is up and announced to the SDK before the first of them is built.
     */
    public static <C extends SdkClient> C client(Supplier<C> build) {
        running();
        return require(build.get());
    }

    /** LocalStack, started at the first call of this JVM; a failure to start is remembered and repeated at once. */
    private static synchronized RunningEmulator localStack() {
        if (localStackFailure != null) {
            throw localStackFailure;
        }
        if (localStack == null) {
            try {
                RunningEmulator started = LocalStackEmulator.start(new TestcontainersDocker(),
                        LocalStackContainerStart::start,
                        LocalStackEmulator.image(System.getProperty(LocalStackEmulator.IMAGE_PROPERTY)));
                started.sdkProperties().forEach(System::setProperty);
                localStack = started;
            } catch (AssertionError e) {
                localStackFailure = e;
                throw e;
            }
        }
        return localStack;
    }
}
