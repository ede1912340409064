package health.registration.local;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The registration service with UDAP switched on, as {@link UdapRegistrationIT} meets it: one {@code scripts/local-api}
 * process given the trust anchors, the server's signing key and certificate, the UDAP endpoints and scopes, the
 * {@code PROBE_*} seams pointing at {@link UdapSites}, and the moto server of {@code AWS_ENDPOINT_URL} (without one the
 * test fails, pointing to {@code scripts/test}). A table and secret prefix of its own; output in
 * {@code target/<name>/local-api.log}. Requests are sent as Inferno sends them: JSON, accepting JSON.
 */
final class LocalUdapService implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);
    /** Settings this class owns: inherited values would switch other sources of UDAP configuration on. */
    private static final Set<String> NOT_INHERITED = Set.of("UDAP_TRUST_ANCHORS_SECRET", "UDAP_SERVER_CREDENTIALS_SECRET",
            "UDAP_CRL_UNAVAILABLE", "UDAP_AUTHORIZATION_ENDPOINT", "PROBE_FUNCTION_NAME", "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER", "FHIR_BASE_URL", "UDAP_GRANT_TYPES_SUPPORTED", "UDAP_PROFILES_SUPPORTED",
            "UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED", "UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED",
            "UDAP_CERTIFICATIONS_SUPPORTED", "UDAP_CERTIFICATIONS_REQUIRED", "UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS",
            "UDAP_REGISTRATION_SIGNING_ALGS");

    private final UdapTestPki pki;
    private final UdapSites sites;
    private final LocalApiProcess api;
    private final EmulatorRecords records;
    private final String publicBaseUrl;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalUdapService(UdapTestPki pki, UdapSites sites, LocalApiProcess api, EmulatorRecords records,
                             String publicBaseUrl, Path work) {
        this.work = work;
        this.pki = pki;
        this.sites = sites;
        this.api = api;
        this.records = records;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Builds the PKI, serves {@code hosts} site names and the CRLs on {@code address}:443, and starts the API. */
    static LocalUdapService start(String name, String address, int hosts) throws Exception {
        return start(name, address, hosts, (work, baseUrl, pki) -> Map.of());
    }

    /** Settings a test adds to (or overrides in) the service's environment, from its work folder, URL and PKI. */
    @FunctionalInterface
    interface ExtraSettings {
        Map<String, String> of(Path work, String publicBaseUrl, UdapTestPki pki) throws Exception;
    }

    /** As {@link #start(String, String, int)}, with {@code extra} settings applied last. */
    static LocalUdapService start(String name, String address, int hosts, ExtraSettings extra) throws Exception {
        LocalDeployment deployment = LocalDeployment.named(name);
        Path work = deployment.work();
        String publicBaseUrl = deployment.publicBaseUrl();
        UdapTestPki pki = UdapTestPki.build(publicBaseUrl);
        EmulatorRecords records = deployment.openRecords();
        UdapSites sites = null;
        try {
            sites = UdapSites.start(work, address, hosts, pki.crls());
            Map<String, String> environment = deployment.environment(sites.hostsFile(), sites.trustedCaFile(),
                    sites.allowedCidrs());
            environment.putAll(udapSettings(work, pki, publicBaseUrl));
            environment.putAll(extra.of(work, publicBaseUrl, pki));
            LocalApiProcess api = LocalApiProcess.start(deployment.repository(), deployment.port(), environment,
                    NOT_INHERITED, work.resolve("local-api.log"));
            return new LocalUdapService(pki, sites, api, records, publicBaseUrl, work);
        } catch (Exception | Error failed) {
            if (sites != null) {
                sites.close();
            }
            records.close();
            throw failed;
        }
    }

    /** The file of UDAP_TRUST_ANCHORS_FILE, which the API re-reads every SECRETS_REFRESH_SECONDS. */
    Path trustAnchorsFile() {
        return work.resolve(TRUST_ANCHORS_FILE);
    }

    private static final String TRUST_ANCHORS_FILE = "trust-anchors.pem";

    /** UDAP on: the anchors and the server's credentials as files, a CRL that cannot be fetched refuses, endpoints. */
    private static Map<String, String> udapSettings(Path work, UdapTestPki pki, String publicBaseUrl) throws IOException {
        return Map.of(
                "UDAP_TRUST_ANCHORS_FILE", write(work, TRUST_ANCHORS_FILE, pki.trustAnchorsPem()),
                "UDAP_CRL_UNAVAILABLE", "reject",
                "UDAP_SERVER_KEY_FILE", write(work, "server-key.pem", pki.serverKeyPem()),
                "UDAP_SERVER_CERTIFICATE_FILE", write(work, "server-chain.pem", pki.serverChainPem()),
                "UDAP_TOKEN_ENDPOINT", publicBaseUrl + "/oauth/token",
                "UDAP_AUTHORIZATION_ENDPOINT", publicBaseUrl + "/oauth/authorize",
                "SCOPES_SUPPORTED", "system/Patient.rs system/Observation.rs user/Patient.rs openid fhirUser");
    }

    private static String write(Path directory, String file, String text) throws IOException {
        return Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8).toString();
    }

    /** {@code POST /register} with a UDAP body, as Inferno sends it. */
    HttpResponse<String> register(String body) throws Exception {
        return send(HttpRequest.newBuilder(api.baseUri().resolve("register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /**
     * A JSON {@code POST} to a path of the API with an {@code Authorization: Bearer} token (operator routes); a null
     * body sends none, without a content type.
     */
    HttpResponse<String> postAsOperator(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            return send(request.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A GET of a path of the API as bytes, accepting only {@code accept}. */
    HttpResponse<byte[]> download(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(api.baseUri().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET of a path of the API, accepting JSON. */
    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(api.baseUri().resolve(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Where the local API listens, ending in a slash. */
    java.net.URI baseUri() {
        return api.baseUri();
    }

    /** {@code PUBLIC_BASE_URL}, without a trailing slash. */
    String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** The registration endpoint the metadata publishes: the {@code aud} of software statements. */
    String registrationEndpoint() {
        return publicBaseUrl + "/register";
    }

    UdapTestPki pki() {
        return pki;
    }

    UdapSites sites() {
        return sites;
    }

    EmulatorRecords records() {
        return records;
    }

    /** Everything the API wrote so far; {@link #stopAndReadLog()} for the whole of it. */
    String output() {
        return api.output();
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
