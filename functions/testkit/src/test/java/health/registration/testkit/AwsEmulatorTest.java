package health.registration.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.regions.Region;

/**
 * The emulator seam without any emulator: the switch, what each emulator hands the SDK, and the loud failure when
 * LocalStack is chosen and no Docker engine answers (docs/testing.md).
 */
class AwsEmulatorTest {

    private static final LocalStackEmulator.ContainerStart NEVER = image -> {
        throw new AssertionError("the container must not be started without a Docker engine");
    };

    @ParameterizedTest(name = "aws.emulator={0}, AWS_EMULATOR={1} -> {2}")
    @CsvSource(nullValues = "unset", value = {
            "unset,      unset,      MOTO",
            "localstack, unset,      LOCALSTACK",
            "unset,      localstack, LOCALSTACK",
            "moto,       localstack, MOTO",        // the property wins
            "localstack, moto,       LOCALSTACK",  // the property wins
            "LocalStack, unset,      LOCALSTACK",
            "'  ',       localstack, LOCALSTACK",  // a blank property is no choice
            "unset,      MOTO,       MOTO",
    })
    void theSwitchChoosesTheEmulator(String property, String variable, EmulatorKind expected) {
        assertThat(EmulatorKind.chosen(property, variable)).isEqualTo(expected);
    }

    @Test
    void aValueThatNamesNoEmulatorIsRefusedNotReadAsMoto() {
        assertThatThrownBy(() -> EmulatorKind.chosen("docker", "moto"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aws.emulator=docker names no AWS emulator: use moto (the default) or localstack "
                        + "(docs/testing.md)");
        assertThatThrownBy(() -> EmulatorKind.chosen(null, "local-stack"))
                .hasMessageStartingWith("AWS_EMULATOR=local-stack names no AWS emulator");
    }

    @Test
    void motoIsWhatMotoShAnnouncesAndTheSdkReadsFromTheEnvironment() {
        RunningEmulator moto = MotoServer.fromEnvironment(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:40123", "AWS_REGION", "eu-west-2"));
        assertAll(
                () -> assertThat(moto.kind()).isEqualTo(EmulatorKind.MOTO),
                () -> assertThat(moto.endpoint()).isEqualTo(URI.create("http://127.0.0.1:40123")),
                () -> assertThat(moto.region()).isEqualTo(Region.EU_WEST_2),
                () -> assertThat(moto.sdkProperties()).as("moto changes nothing in the JVM").isEmpty(),
                () -> assertThat(moto.environment()).isEqualTo(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:40123")));
        assertThat(MotoServer.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:40123")).region())
                .as("moto.sh's default region").isEqualTo(Region.US_EAST_1);
    }

    @Test
    void withoutALoopbackMotoServerTheTestFailsNamingWhatToRun() {
        assertThatThrownBy(() -> MotoServer.fromEnvironment(Map.of()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("AWS_ENDPOINT_URL is not set: " + MotoServer.HOW);
        assertThatThrownBy(() -> MotoServer.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "https://dynamodb.us-east-1.amazonaws.com")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("must be http://127.0.0.1:<port>, a local moto server");
    }

    @Test
    void localStackIsHandedToTheSdkOnLoopbackWithItsRegionAndTestCredentials() {
        RunningEmulator localStack = LocalStackEmulator.running("localhost", 32771, "us-east-1");
        assertAll(
                () -> assertThat(localStack.kind()).isEqualTo(EmulatorKind.LOCALSTACK),
                () -> assertThat(localStack.endpoint()).isEqualTo(URI.create("http://127.0.0.1:32771")),
                () -> assertThat(localStack.region()).isEqualTo(Region.US_EAST_1),
                () -> assertThat(localStack.sdkProperties()).isEqualTo(Map.of(
                        "aws.endpointUrl", "http://127.0.0.1:32771", "aws.region", "us-east-1",
                        "aws.accessKeyId", "testing", "aws.secretAccessKey", "testing")),
                () -> assertThat(localStack.environment()).isEqualTo(Map.of(
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:32771", "AWS_REGION", "us-east-1",
                        "AWS_DEFAULT_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "testing",
                        "AWS_SECRET_ACCESS_KEY", "testing")));
    }

    @Test
    void aDockerHostOffThisMachineIsRefused() {
        assertThatThrownBy(() -> LocalStackEmulator.running("192.0.2.10", 4566, "us-east-1"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("Testcontainers publishes LocalStack on 192.0.2.10, which is not this "
                        + "machine's loopback")
                .hasMessageContaining(LocalStackEmulator.MOTO_COMMAND);
    }

    @Test
    void withoutADockerEngineTheSwitchFailsAtOnceSayingSoAndHowToRunOnMoto() {
        assertThatThrownBy(() -> LocalStackEmulator.start(() -> false, NEVER, LocalStackEmulator.IMAGE))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("aws.emulator=localstack (or AWS_EMULATOR=localstack) runs the emulator tests on "
                        + "LocalStack through Testcontainers, but no Docker engine answers on this machine, so "
                        + "LocalStack cannot start. Start a Docker engine (`docker info` must answer), or run on "
                        + "moto. To run the emulator tests on moto instead, as this repository's CI does: "
                        + "source scripts/lib/moto.sh && start_moto && mvn -B verify -Daws.emulator=moto "
                        + "(or scripts/test); docs/testing.md");
    }

    @Test
    void aContainerThatDoesNotStartFailsWithTheReasonAndTheMotoCommand() {
        assertThatThrownBy(() -> LocalStackEmulator.start(() -> true, image -> {
            throw new IllegalStateException("no such image: " + image);
        }, "localstack/localstack:0.0.0"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("LocalStack (localstack/localstack:0.0.0) did not start through "
                        + "Testcontainers: no such image: localstack/localstack:0.0.0. ")
                .hasMessageContaining(LocalStackEmulator.MOTO_COMMAND);
    }

    @Test
    void theImageIsPinnedUnlessThePropertyNamesAnother() {
        assertThat(LocalStackEmulator.image(null)).isEqualTo("localstack/localstack:4.4.0");
        assertThat(LocalStackEmulator.image(" ")).isEqualTo("localstack/localstack:4.4.0");
        assertThat(LocalStackEmulator.image("localstack/localstack:4.5")).isEqualTo("localstack/localstack:4.5");
    }

    /**
     * Testcontainers' real check, as the switch runs it. On a machine without a Docker engine (this repository's CI)
     * the switch fails at once with the documented message and the container is never started; where {@code docker
     * info} answers, the check agrees and the start goes on (to a stand-in here: mvn test starts no container).
     */
    @Test
    void theRealDockerCheckDecidesAndWithoutAnEngineTheSwitchFailsLoudly() throws InterruptedException {
        boolean engine = dockerInfoAnswers();
        RunningEmulator standIn = LocalStackEmulator.running("127.0.0.1", 4566, "us-east-1");
        AtomicBoolean started = new AtomicBoolean();
        String outcome;
        try {
            LocalStackEmulator.start(new TestcontainersDocker(), image -> {
                started.set(true);
                return standIn;
            }, LocalStackEmulator.IMAGE);
            outcome = "started";
        } catch (AssertionFailedError e) {
            outcome = e.getMessage();
        }
        assertThat(outcome).as("docker info answers: " + engine)
                .isEqualTo(engine ? "started" : LocalStackEmulator.NO_DOCKER);
        assertThat(started.get()).as("the container start was reached").isEqualTo(engine);
    }

    /** Whether the Docker CLI reaches an engine: the independent answer the real check must agree with. */
    private static boolean dockerInfoAnswers() throws InterruptedException {
        try {
            Process docker = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!docker.waitFor(60, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return false;
            }
            return docker.exitValue() == 0;
        } catch (IOException noCli) {
            return false;
        }
    }
}
