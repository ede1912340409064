package health.registration.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * LocalStack, the second emulator ({@link EmulatorKind#LOCALSTACK}): one container per test JVM, started by
 * Testcontainers' LocalStack module ({@link LocalStackContainerStart}) once a Docker engine answers, and removed by
 * Testcontainers when the JVM ends. Without an engine, or when the container does not start, the test fails at once
 * with {@link #NO_DOCKER} or the reason, and the command that runs the tests on moto instead; it never skips.
 * Everything here but the start itself is plain, so the unit tests check the endpoint, region and failures without
 * Docker (docs/testing.md).
 */
final class LocalStackEmulator {

    /** The image; {@code -Dlocalstack.image=...} runs another tag. */
    static final String IMAGE_PROPERTY = "localstack.image";
    static final String IMAGE = "localstack/localstack:4.4.0";
    /** LocalStack's one port for every service. */
    static final int EDGE_PORT = 4566;
    /** The test credentials, as moto.sh's: LocalStack checks none, and no real credential is ever sent to it. */
    static final String TEST_CREDENTIAL = "testing";
    /** How to run the same tests on moto; the property wins over {@code AWS_EMULATOR}, so this works with it set. */
    static final String MOTO_COMMAND = "source scripts/lib/moto.sh && start_moto && mvn -B verify -Daws.emulator=moto";
    static final String RUN_ON_MOTO = "To run the emulator tests on moto instead, as this repository's CI does: "
            + MOTO_COMMAND + " (or scripts/test); docs/testing.md";
    static final String NO_DOCKER = EmulatorKind.PROPERTY + "=" + EmulatorKind.LOCALSTACK.value() + " (or "
            + EmulatorKind.VARIABLE + "=" + EmulatorKind.LOCALSTACK.value() + ") runs the emulator tests on LocalStack "
            + "through Testcontainers, but no Docker engine answers on this machine, so LocalStack cannot start. "
            + "Start a Docker engine (`docker info` must answer), or run on moto. " + RUN_ON_MOTO;

    /** Starts LocalStack from {@code image} once an engine answers; Testcontainers' part of the start. */
    @FunctionalInterface
    interface ContainerStart {
        RunningEmulator start(String image);
    }

    private LocalStackEmulator() {}

    /** The image {@code properties} name ({@code localstack.image}), else {@link #IMAGE}. */
    static String image(String property) {
        return property == null || property.isBlank() ? IMAGE : property.strip();
    }

    /**
     * LocalStack from {@code image}: fails at once, without touching {@code container}, when {@code docker} finds no
     * engine, and fails with the reason when the container does not start (no image, no pull, a crash).
     */
    static RunningEmulator start(DockerEngine docker, ContainerStart container, String image) {
        if (!docker.answers()) {
            return fail(NO_DOCKER);
        }
        try {
            return container.start(image);
        } catch (RuntimeException e) {
            return fail("LocalStack (" + image + ") did not start through Testcontainers: " + e.getMessage() + ". "
                    + RUN_ON_MOTO, e);
        }
    }

    /**
     * What the SDK is handed for the container whose port {@value #EDGE_PORT} Docker publishes on {@code host}:{@code
     * port}: the endpoint on 127.0.0.1 (the tests talk to loopback only, so a Docker host elsewhere is refused), the
     * container's region, and test credentials, as the SDK's system properties and as a child process's variables.
     */
    static RunningEmulator running(String host, int port, String region) {
        if (!loopback(host)) {
            fail("Testcontainers publishes LocalStack on " + host + ", which is not this machine's loopback: the "
                    + "emulator tests talk to loopback only. Use a local Docker engine. " + RUN_ON_MOTO);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Map<String, String> sdk = Map.of(
                "aws.endpointUrl", endpoint.toString(),
                "aws.region", region,
                "aws.accessKeyId", TEST_CREDENTIAL,
                "aws.secretAccessKey", TEST_CREDENTIAL);
        Map<String, String> environment = Map.of(
                MotoServer.ENDPOINT_VARIABLE, endpoint.toString(),
                MotoServer.REGION_VARIABLE, region,
                "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", TEST_CREDENTIAL,
                "AWS_SECRET_ACCESS_KEY", TEST_CREDENTIAL);
        return new RunningEmulator(EmulatorKind.LOCALSTACK, endpoint, Region.of(region), sdk, environment);
    }

    private static boolean loopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
