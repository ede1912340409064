package health.registration.reverify;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.DynamoDbClients;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.RunSummary;
import health.registration.edge.Settings;
import health.registration.testkit.AwsEmulator;
import health.registration.testkit.TemplateTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The re-verification benchmark (docs/operations/reverification.md; {@code benchmarks/reverify-10k} runs it): {@link
 * BenchFleet}'s apps due now in a copy of the template's table on moto, then ONE {@link Reverification#run} of them,
 * inline, wired as the function wires it ({@code InProcessWiring.of(settings).reverification()}, the in-process network
 * prober) against {@link BenchSites} in a separate JVM.
 *
 * <ul>
 *   <li>{@code seed <directory> <apps>}: creates the table and writes the apps as registration would (the whole
 *       policy, the records' every field), probing nothing; the table name goes to {@code <directory>/table}.
 *       Not measured.</li>
 *   <li>{@code run <directory>}: starts the sites, times the run, and prints the run's summary, the sites' request
 *       count, and this JVM's peak heap (every heap pool's peak, summed) and peak resident memory ({@code VmHWM},
 *       reset just before the run) over the run.</li>
 * </ul>
 */
public final class ReverificationBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String TABLE_FILE = "table";
    private static final String APPS_FILE = "apps";

    private ReverificationBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[1]);
        if (args[0].equals("seed")) {
            seed(directory, new BenchFleet(Integer.parseInt(args[2])));
        } else {
            run(directory);
        }
    }

    private static void seed(Path directory, BenchFleet fleet) throws Exception {
        DynamoDbClient dynamo = AwsEmulator.client(DynamoDbClients::shared);
        String table = TemplateTable.create(dynamo, "reverify-bench").name();
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(TABLE_FILE), table);
        Files.writeString(directory.resolve(APPS_FILE), Integer.toString(fleet.apps()));
        // Registered a day and an hour ago, with every URL passing: due an hour ago.
        InMemoryClientStore registered = new InMemoryClientStore();
        ClientRegistrar registrar = new ClientRegistrar(
                new RegistrationReview(Policies.openDynamicRegistration(), context(), new InMemoryUrlProber()),
                new ClientStores(registered, new InMemorySecretStore()), new SecureRandomIdSource(),
                MutableClock.at(Instant.now().minus(Duration.ofHours(25))),
                IssuanceSettings.of(URI.create(BenchEnvironment.PUBLIC_BASE_URL), Duration.ZERO));
        for (int app = 0; app < fleet.apps(); app++) {
            if (!(registrar.register(ClientMetadata.of(fleet.metadata(app))) instanceof RegistrationOutcome.Registered)) {
                throw new IllegalStateException("benchmark app " + app + " does not pass the policy");
            }
        }
        long start = System.nanoTime();
        DynamoClientStore store = new DynamoClientStore(AwsClients.dynamoDb(), table);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> writes = new ArrayList<>();
        for (ClientRecord record : registered.all()) {
            writes.add(writers.submit(() -> store.create(record)));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        writers.shutdown();
        OUT.printf("seeded %,d apps of %,d vendors into %s in %.1f s%n", fleet.apps(), fleet.vendors(), table,
                (System.nanoTime() - start) / 1e9);
    }

    private static void run(Path directory) throws Exception {
        String table = Files.readString(directory.resolve(TABLE_FILE)).strip();
        BenchFleet fleet = new BenchFleet(Integer.parseInt(Files.readString(directory.resolve(APPS_FILE)).strip()));
        AwsEmulator.client(DynamoDbClients::shared);
        Process sites = startSites(directory, fleet);
        try (BufferedReader fromSites = new BufferedReader(new InputStreamReader(sites.getInputStream(), StandardCharsets.UTF_8));
             PrintStream toSites = new PrintStream(sites.getOutputStream(), true, StandardCharsets.UTF_8)) {
            if (!"ready".equals(fromSites.readLine())) {
                throw new IllegalStateException("the benchmark sites did not start");
            }
            Map<String, String> environment = BenchEnvironment.of(table, directory);
            Reverification reverification = InProcessWiring.of(new Settings(environment)).reverification();
            long requestsBefore = count(toSites, fromSites);
            Duration sitesCpuBefore = cpu(sites.toHandle());
            PeakMemory.reset();
            Duration cpuBefore = cpu(ProcessHandle.current());
            Instant runAt = Instant.now();
            long start = System.nanoTime();
            RunSummary summary = reverification.run("bench:" + runAt, runAt, runAt.plus(Duration.ofMinutes(14)));
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration cpu = cpu(ProcessHandle.current()).minus(cpuBefore);
            long heapPeak = PeakMemory.heapPeakBytes();
            long rssPeak = PeakMemory.residentPeakBytes();
            long requests = count(toSites, fromSites) - requestsBefore;
            Duration sitesCpu = cpu(sites.toHandle()).minus(sitesCpuBefore);
            toSites.println("quit");
            OUT.printf("CPU during the run      this JVM %.0f s, the sites' JVM %.0f s%n", cpu.toMillis() / 1e3,
                    sitesCpu.toMillis() / 1e3);
            report(fleet, summary, seconds, requests, heapPeak, rssPeak);
        } finally {
            sites.waitFor();
        }
    }

    /** The sites' JVM: the same java and class path as this one, with its own small heap. */
    private static Process startSites(Path directory, BenchFleet fleet) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BenchSites.class.getName(), directory.toString(), Integer.toString(fleet.apps()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static long count(PrintStream toSites, BufferedReader fromSites) throws IOException {
        toSites.println("count");
        return Long.parseLong(fromSites.readLine().strip());
    }

    private static PolicyContext context() {
        return new PolicyContext(URI.create(BenchEnvironment.MANUAL_REGISTRATION_URL));
    }

    private static void report(BenchFleet fleet, RunSummary summary, double seconds, long requests, long heapPeak,
                               long rssPeak) {
        OUT.printf("apps %,d (vendors %,d; %,d URL references, %,d distinct URLs)%n", fleet.apps(), fleet.vendors(),
                fleet.urlReferences(), fleet.distinctUrls());
        OUT.printf("run wall time          %.1f s%n", seconds);
        OUT.printf("selected/checked/passed %,d / %,d / %,d (failed %,d, deferred %,d, skipped %,d, conflicts %,d)%n",
                summary.selected(), summary.checked(), summary.passed(), summary.failed(), summary.deferred(),
                summary.skipped(), summary.conflicts());
        OUT.printf("URL references         %,d%n", summary.urlReferences());
        OUT.printf("probes made            %,d (the sites answered %,d requests)%n", summary.probesMade(), requests);
        OUT.printf("peak heap (run)        %.0f MiB%n", heapPeak / 1048576.0);
        OUT.printf("peak RSS, VmHWM (run)  %.0f MiB%n", rssPeak / 1048576.0);
        OUT.printf("max heap (-Xmx)        %.0f MiB%n", Runtime.getRuntime().maxMemory() / 1048576.0);
        OUT.println("summary " + summary.toJson());
        boolean ok = summary.checked() == fleet.apps() && summary.passed() == fleet.apps()
                && summary.probesMade() < summary.urlReferences() && seconds < 300;
        OUT.println(ok ? "PASS: every app checked and passed, fewer probes than URL references, under 5 minutes"
                : "FAIL: see the numbers above");
        if (!ok) {
            System.exit(1);
        }
    }

    /** Peak memory over the run: heap pools' peaks (reset first) and the kernel's resident high-water mark. */
    static final class PeakMemory {

        private PeakMemory() {}

        static void reset() throws IOException {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            // Linux: writing 5 to clear_refs resets VmHWM to the current resident size.
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        }

        static long heapPeakBytes() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        static long residentPeakBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmHWM in /proc/self/status");
        }
    }

    /** The function's environment for the benchmark: the table, the sites' seams, nothing to publish or queue to. */
    static final class BenchEnvironment {

        static final String PUBLIC_BASE_URL = "https://registration.example.com";
        static final String MANUAL_REGISTRATION_URL = "https://manual-registration.example.com/apps";

        private BenchEnvironment() {}

        static Map<String, String> of(String table, Path directory) {
            return Map.of(
                    Settings.CLIENTS_TABLE, table,
                    Settings.SECRET_PREFIX, "bench/",
                    Settings.PUBLIC_BASE_URL, PUBLIC_BASE_URL,
                    Settings.MANUAL_REGISTRATION_URL, MANUAL_REGISTRATION_URL,
                    Settings.PROBE_HOSTS_FILE, directory.resolve("hosts").toString(),
                    Settings.PROBE_TRUSTED_CA_FILE, directory.resolve("trusted-ca.pem").toString(),
                    Settings.PROBE_ALLOWED_CIDRS, BenchFleet.allowedCidrs(),
                    Settings.PROBE_TEST_SEAMS, Settings.PROBE_TEST_SEAMS_ALLOWED);
        }
    }
}
