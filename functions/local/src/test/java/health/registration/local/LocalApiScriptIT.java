package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code scripts/local-api} without {@code AWS_ENDPOINT_URL}: it starts its own moto server, the runner creates the
 * template's table there before serving, and moto server stops with the script however the API stops. Needs
 * {@code moto_server} on the PATH, as the test command does (no emulator of the caller's is used).
 */
class LocalApiScriptIT {

    private static final Path MODULE = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Pattern MOTO = Pattern.compile("moto server on (http://127\\.0\\.0\\.1:\\d+) \\(pid (\\d+)\\)");
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);

    private final String tableName = "script-it-" + UUID.randomUUID();
    private LocalApiProcess api;

    private Matcher startWithItsOwnMoto(String name) throws Exception {
        api = LocalApiProcess.start(MODULE.resolve("../..").normalize(), Map.of("CLIENTS_TABLE", tableName),
                Set.of("AWS_ENDPOINT_URL"), MODULE.resolve("target/script-it/" + name + ".log"));
        Matcher moto = MOTO.matcher(api.output());
        assertThat(moto.find()).as("the script's moto line in:\n" + api.output()).isTrue();
        return moto;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void startsMotoCreatesTheTableFirstAndStopsMotoOnSigterm() throws Exception {
        Matcher moto = startWithItsOwnMoto("sigterm");
        String endpoint = moto.group(1);
        assertThat(api.output()).contains("local-api: table " + tableName + " (ClientsTable, CLIENTS_TABLE) created at "
                + endpoint);
        try (DynamoDbClient dynamo = client(endpoint)) {
            assertThat(dynamo.describeTable(request -> request.tableName(tableName)).table().tableStatusAsString())
                    .isEqualTo("ACTIVE");
        }
        ProcessHandle java = jvm();

        api.script().destroy();

        assertThat(api.awaitExit(STOP_DEADLINE)).as("the exit status of SIGTERM").isEqualTo(143);
        assertGone(Long.parseLong(moto.group(2)), "moto server");
        assertGone(java.pid(), "the JVM");
    }

    @Test
    void stopsMotoWhenTheJvmExits() throws Exception {
        Matcher moto = startWithItsOwnMoto("jvm-exit");

        jvm().destroy();

        assertThat(api.awaitExit(STOP_DEADLINE)).as("the JVM's exit status on SIGTERM").isEqualTo(143);
        assertGone(Long.parseLong(moto.group(2)), "moto server");
    }

    private ProcessHandle jvm() {
        return api.script().children()
                .filter(child -> child.info().command().map(command -> command.endsWith("java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("the script runs no java child"));
    }

    private static void assertGone(long pid, String what) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        while (process.isPresent() && process.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            process = ProcessHandle.of(pid);
        }
        assertThat(process.filter(ProcessHandle::isAlive)).as(what + " (pid " + pid + ") has stopped").isEmpty();
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }
}
