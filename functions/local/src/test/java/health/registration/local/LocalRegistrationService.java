package health.registration.local;

import health.registration.testkit.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The registration service as a test class meets it: one {@code scripts/local-api} process, with the {@code PROBE_*}
 * test seams pointing at {@link RegistrationSites}, against the moto server the test command provides in
 * {@code AWS_ENDPOINT_URL} (passed through; without one the test fails, pointing to {@code scripts/test}). Each test
 * class gets a table and a secret prefix of its own, so that what it counts in the shared emulator is its own. Its
 * output (stdout and stderr) goes to {@code target/<name>/local-api.log}.
 */
final class LocalRegistrationService implements AutoCloseable {

    static final String MANUAL_REGISTRATION_URL = "https://manual-registration.example.com/apps";

    private final RegistrationSites sites;
    private final LocalApiProcess api;
    private final EmulatorRecords records;
    private final URI publicBaseUrl;
    private final IssuedCredentials issued = new IssuedCredentials();

    private LocalRegistrationService(RegistrationSites sites, LocalApiProcess api, EmulatorRecords records, URI publicBaseUrl) {
        this.sites = sites;
        this.api = api;
        this.records = records;
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * Serves {@code hosts} fixture host names ({@code <label>1.example.com}, …) on {@code address}:443 and starts the
     * local API in front of them.
     */
    static LocalRegistrationService start(String name, String address, String label, int hosts) throws Exception {
        return start(name, address, label, hosts, Map.of());
    }

    /** As {@link #start(String, String, String, int)}, with more settings for the local API ({@code extra}). */
    static LocalRegistrationService start(String name, String address, String label, int hosts, Map<String, String> extra)
            throws Exception {
        URI endpoint = MotoServer.endpoint();
        Path module = Path.of(System.getProperty("local.module.dir", System.getProperty("user.dir"))).toAbsolutePath();
        Path work = module.resolve("target/" + name);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String table = "registration-clients-" + name + "-" + run;
        String secretPrefix = "it/" + name + "/" + run + "/";
        int port = LocalApiProcess.freePort();
        URI publicBaseUrl = URI.create("http://127.0.0.1:" + port);
        EmulatorRecords records = EmulatorRecords.open(table, secretPrefix);
        RegistrationSites sites = null;
        try {
            sites = RegistrationSites.start(work, address, label, hosts);
            Map<String, String> environment = new HashMap<>(Map.of(
                    "AWS_ENDPOINT_URL", endpoint.toString(),
                    "CLIENTS_TABLE", table,
                    "SECRET_PREFIX", secretPrefix,
                    "PUBLIC_BASE_URL", publicBaseUrl.toString(),
                    "MANUAL_REGISTRATION_URL", MANUAL_REGISTRATION_URL,
                    "PROBE_HOSTS_FILE", sites.hostsFile().toString(),
                    "PROBE_TRUSTED_CA_FILE", sites.trustedCaFile().toString(),
                    "PROBE_ALLOWED_CIDRS", sites.allowedCidrs()));
            environment.putAll(extra);
            LocalApiProcess api = LocalApiProcess.start(module.resolve("../..").normalize(), port, environment,
                    Set.of(OperatorGuard.TOKEN_VARIABLE), work.resolve("local-api.log"));
            return new LocalRegistrationService(sites, api, records, publicBaseUrl);
        } catch (Exception | Error failed) {
            if (sites != null) {
                sites.close();
            }
            records.close();
            throw failed;
        }
    }

    /** A Nimbus client of this service that records every credential it is issued. */
    RegistrationClient client() {
        return new RegistrationClient(api.baseUri(), issued);
    }

    RegistrationSites sites() {
        return sites;
    }

    LocalApiProcess api() {
        return api;
    }

    EmulatorRecords records() {
        return records;
    }

    IssuedCredentials issued() {
        return issued;
    }

    /** {@code PUBLIC_BASE_URL} as the service was given it, without a trailing slash. */
    URI publicBaseUrl() {
        return publicBaseUrl;
    }

    /** Stops the local API and gives everything it wrote, to the last line. */
    String stopAndReadLog() throws InterruptedException {
        return api.stopAndReadOutput();
    }

    /** Stops everything and removes what this run left in the emulator. */
    @Override
    public void close() throws Exception {
        try (records; sites) {
            api.close();
            records.removeAll();
        }
    }
}
