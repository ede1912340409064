package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code scripts/local-api} run as a user runs it: a child process with its own environment, ready once it prints
 * its listening line. Its output (stdout and stderr together) goes to a log file and is kept for failure messages.
 */
final class LocalApiProcess implements AutoCloseable {

    static final String BANNER = "Local API listening on ";
    /** Generous: starting the jar takes a second or two, but the script first rebuilds it when a source is newer. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<String> banner = new CompletableFuture<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI baseUri;
    private Thread copier;

    private LocalApiProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the script with the inherited environment minus every setting the test owns, plus {@code environment}
     * and {@code PORT} (a free port), and waits for its listening line.
     */
    static LocalApiProcess start(Path repoRoot, Map<String, String> environment, Path log) throws IOException {
        return start(repoRoot, environment, Set.of(), log);
    }

    /** As {@link #start(Path, Map, Path)}, also without the inherited variables {@code removed}. */
    static LocalApiProcess start(Path repoRoot, Map<String, String> environment, Set<String> removed, Path log)
            throws IOException {
        return start(repoRoot, freePort(), environment, removed, log);
    }

    /**
     * As {@link #start(Path, Map, Set, Path)}, on a port chosen beforehand (see {@link #freePort()}), for settings
     * that name the port, such as {@code PUBLIC_BASE_URL}.
     */
    static LocalApiProcess start(Path repoRoot, int port, Map<String, String> environment, Set<String> removed, Path log)
            throws IOException {
        Path script = repoRoot.resolve("scripts/local-api");
        assertThat(script).as("the script under test").isExecutable();
        ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(repoRoot.toFile())
                .redirectErrorStream(true);
        for (String owned : new String[] {"PORT", "PUBLIC_BASE_URL", "MANUAL_REGISTRATION_URL", "PROBE_HOSTS_FILE",
                "PROBE_TRUSTED_CA_FILE", "PROBE_ALLOWED_CIDRS", "PROBE_TEST_SEAMS", "TOS_POLICY_PROBE_FAILURES",
                "KEYCLOAK_BASE_URL", "KEYCLOAK_REALM", "EVENT_BUS_NAME"}) {
            builder.environment().remove(owned);
        }
        builder.environment().keySet().removeAll(removed);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        Files.createDirectories(log.getParent());
        LocalApiProcess api = new LocalApiProcess(builder.start());
        api.copyOutput(log);
        api.awaitBanner(port);
        return api;
    }

    /** The line the script printed once listening. */
    String banner() {
        return banner.getNow("");
    }

    /** Everything the process has written so far. */
    String output() {
        return output.toString();
    }

    /** Where it listens, ending in a slash: {@code http://127.0.0.1:<port>/}. */
    URI baseUri() {
        return baseUri;
    }

    /**
     * Stops the script as {@link #close()} does, then waits until the last line it wrote (stdout and stderr) has been
     * copied, and gives the whole output: nothing it logs can be missed by a check that runs after this.
     */
    String stopAndReadOutput() throws InterruptedException {
        close();
        copier.join(Duration.ofSeconds(30).toMillis());
        assertThat(copier.isAlive()).as("local-api's output still open 30 s after it stopped").isFalse();
        return output();
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void copyOutput(Path log) throws IOException {
        Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        copier = new Thread(() -> {
            try (file; BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    file.write(line + "\n");
                    file.flush();
                    if (line.contains(BANNER)) {
                        banner.complete(line);
                    }
                }
            } catch (IOException ignored) {
                // The process was stopped while its output was read: nothing more to copy.
            } finally {
                banner.completeExceptionally(new IOException("local-api ended its output before listening"));
            }
        }, "local-api-output");
        copier.setDaemon(true);
        copier.start();
    }

    private void awaitBanner(int port) {
        try {
            String line = banner.get(START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            baseUri = URI.create(line.substring(line.indexOf(BANNER) + BANNER.length()).split(" ", 2)[0] + "/");
        } catch (TimeoutException | ExecutionException failed) {
            close();
            fail("scripts/local-api did not print '" + BANNER + "' within " + START_DEADLINE.toSeconds() + " s ("
                    + failed + "); its output:\n" + output(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            close();
            fail("interrupted while waiting for scripts/local-api", interrupted);
        }
        assertThat(baseUri).as("the listening line, which names PORT's port").hasPort(port);
    }

    /** A loopback port free at the time of asking. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** The script's own process, to signal it alone as a test harness or a terminal would. */
    ProcessHandle script() {
        return process.toHandle();
    }

    /** Waits for the script to end and gives its exit status. */
    int awaitExit(Duration deadline) throws InterruptedException {
        assertThat(process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)).as("scripts/local-api ended").isTrue();
        return process.exitValue();
    }

    /** Stops the script and anything it started (a build, the JVM it became), forcibly if it lingers. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
