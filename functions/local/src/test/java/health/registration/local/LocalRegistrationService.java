package health.registration.local;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The registration service as a test class meets it: one {@code scripts/local-api} process, with the {@code PROBE_*}
 * test seams pointing at {@link RegistrationSites}, against the moto server the test command provides in
 * {@code AWS_ENDPOINT_URL} (passed through; without one the test fails, pointing to {@code scripts/test}). Each test
 * class gets a table and a secret prefix of its own, so that what it counts in the shared emulator is its own. Its
 * output (stdout and stderr) goes to {@code target/<name>/local-api.log}.
 */
final class LocalRegistrationService implements AutoCloseable {

    static final String MANUAL_REGISTRATION_URL = LocalDeployment.MANUAL_REGISTRATION_URL;

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
        LocalDeployment deployment = LocalDeployment.named(name);
        URI publicBaseUrl = URI.create(deployment.publicBaseUrl());
        EmulatorRecords records = deployment.openRecords();
        RegistrationSites sites = null;
        try {
            sites = RegistrationSites.start(deployment.work(), address, label, hosts);
            Map<String, String> environment = deployment.environment(sites.hostsFile(), sites.trustedCaFile(),
                    sites.allowedCidrs());
            environment.putAll(extra);
            LocalApiProcess api = LocalApiProcess.start(deployment.repository(), deployment.port(), environment,
                    Set.of(OperatorGuard.TOKEN_VARIABLE), deployment.work().resolve("local-api.log"));
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
