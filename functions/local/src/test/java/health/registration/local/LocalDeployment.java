package health.registration.local;

import health.registration.testkit.AwsEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one test class's local API is deployed as: its work folder ({@code target/<name>}), a table and a secret
 * prefix of its own in the test command's moto server (so what it counts there is its own), and a free port, which
 * also makes its {@code PUBLIC_BASE_URL}.
 */
record LocalDeployment(Path module, Path work, String table, String secretPrefix, int port) {

    static final String MANUAL_REGISTRATION_URL = "https://manual-registration.example.com/apps";
    /** A limit no test reaches by accident. */
    static final String UNLIMITED = "1000000";

    static LocalDeployment named(String name) throws IOException {
        Path module = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir"))).toAbsolutePath();
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new LocalDeployment(module, module.resolve("target/" + name), "registration-clients-" + name + "-" + run,
                "it/" + name + "/" + run + "/", LocalApiProcess.freePort());
    }

    String publicBaseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The repository, whose {@code scripts/local-api} serves the API. */
    Path repository() {
        return module.resolve("../..").normalize();
    }

    EmulatorRecords openRecords() {
        return EmulatorRecords.open(table, secretPrefix);
    }

    /**
     * The API's environment: moto, the tables and prefix, the URLs, and the prober's seams for the fixture sites with
     * the guard that admits them. The abuse limits are set far above what any test class sends from its one loopback
     * address (a test of a limit sets it low itself), so a suite's registrations never count against each other: each
     * class has its own counts table.
     */
    Map<String, String> environment(Path hostsFile, Path trustedCaFile, String allowedCidrs) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "CLIENTS_TABLE", table,
                "SECRET_PREFIX", secretPrefix,
                "PUBLIC_BASE_URL", publicBaseUrl(),
                "MANUAL_REGISTRATION_URL", MANUAL_REGISTRATION_URL,
                "PROBE_HOSTS_FILE", hostsFile.toString(),
                "PROBE_TRUSTED_CA_FILE", trustedCaFile.toString(),
                "PROBE_ALLOWED_CIDRS", allowedCidrs,
                "PROBE_TEST_SEAMS", "allowed"));
        environment.putAll(AwsEmulator.environment());
        environment.put("REQUEST_COUNTS_TABLE", countsTable());
        environment.put("REGISTRATIONS_PER_SOURCE_PER_HOUR", UNLIMITED);
        environment.put("PROBES_PER_SOURCE_PER_HOUR", UNLIMITED);
        environment.put("CLIENTS_PER_DOMAIN", UNLIMITED);
        return environment;
    }

    /** This deployment's request counts table (per-source limits), beside its clients table. */
    String countsTable() {
        return table.replaceFirst("^registration-clients-", "registration-request-counts-");
    }
}
