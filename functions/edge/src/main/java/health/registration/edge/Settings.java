package health.registration.edge;

import health.registration.core.model.Parsed;
import health.registration.core.model.SupportedScopes;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.probe.Cidr;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration every function and the local API read from their environment. The names are fixed;
 * docs/configuration.md, generated from these constants' Javadoc, describes each. AWS endpoints and region come
 * from the SDK's own {@code AWS_ENDPOINT_URL} and {@code AWS_REGION}.
 */
public final class Settings {

    /** DynamoDB table of client records. */
    public static final String CLIENTS_TABLE = "CLIENTS_TABLE";
    /** Prefix of the Secrets Manager names under which client secrets are kept. */
    public static final String SECRET_PREFIX = "SECRET_PREFIX";
    /** The service's own base URL (locally {@code http://127.0.0.1:3000}). */
    public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
    /** Where apps that the open paths refuse register by hand. */
    public static final String MANUAL_REGISTRATION_URL = "MANUAL_REGISTRATION_URL";
    /** Test seam: PEM file of extra CAs the prober trusts. Never set by the template. */
    public static final String PROBE_TRUSTED_CA_FILE = "PROBE_TRUSTED_CA_FILE";
    /** Test seam: hosts-file map of names to addresses the prober consults before DNS. Never set by the template. */
    public static final String PROBE_HOSTS_FILE = "PROBE_HOSTS_FILE";
    /** Test seam: comma-separated CIDR ranges exempted from the public-address rule. Never set by the template. */
    public static final String PROBE_ALLOWED_CIDRS = "PROBE_ALLOWED_CIDRS";
    /**
     * {@code allowed} lets the {@code PROBE_*} test seams be read; only the local tooling sets it. Without it a function
     * refuses to start with any seam set, so a seam copied into a deployed environment cannot widen the prober.
     */
    public static final String PROBE_TEST_SEAMS = "PROBE_TEST_SEAMS";
    /** The only value of {@link #PROBE_TEST_SEAMS} that admits the seams. */
    public static final String PROBE_TEST_SEAMS_ALLOWED = "allowed";
    private static final List<String> PROBE_SEAMS = List.of(PROBE_HOSTS_FILE, PROBE_TRUSTED_CA_FILE, PROBE_ALLOWED_CIDRS);
    /** PEM file of UDAP trust anchors (locally; in AWS they come from Secrets Manager). */
    public static final String UDAP_TRUST_ANCHORS_FILE = "UDAP_TRUST_ANCHORS_FILE";
    /** Secrets Manager secret holding the UDAP trust anchors as PEM (in AWS). */
    public static final String UDAP_TRUST_ANCHORS_SECRET = "UDAP_TRUST_ANCHORS_SECRET";
    /** {@code reject} (default) or {@code accept}: what a certificate whose CRL cannot be fetched means. */
    public static final String UDAP_CRL_UNAVAILABLE = "UDAP_CRL_UNAVAILABLE";
    /** PEM files of the server's UDAP signing key (PKCS#8) and certificate chain (leaf first), locally. */
    public static final String UDAP_SERVER_KEY_FILE = "UDAP_SERVER_KEY_FILE";
    public static final String UDAP_SERVER_CERTIFICATE_FILE = "UDAP_SERVER_CERTIFICATE_FILE";
    /** Secrets Manager secret holding the server's UDAP key and certificate chain as PEM (in AWS). */
    public static final String UDAP_SERVER_CREDENTIALS_SECRET = "UDAP_SERVER_CREDENTIALS_SECRET";
    /** The authorization server's endpoints that {@code /.well-known/udap} publishes. */
    public static final String UDAP_AUTHORIZATION_ENDPOINT = "UDAP_AUTHORIZATION_ENDPOINT";
    public static final String UDAP_TOKEN_ENDPOINT = "UDAP_TOKEN_ENDPOINT";
    /**
     * The authorization server's supported scopes (space-separated): what every path grants of a requested scope
     * (UDAP IG STU2 general §7.3) and what discovery publishes as {@code scopes_supported}. Unset, every scope is
     * granted as asked.
     */
    public static final String SCOPES_SUPPORTED = "SCOPES_SUPPORTED";
    /**
     * The FHIR server's base URL, where clients discover UDAP ({@code {FHIR base}/.well-known/udap}, IG STU2 §2.1):
     * {@code iss} and {@code sub} of the signed metadata and a SAN URI of the server's certificate; when unset,
     * {@code PUBLIC_BASE_URL}. The registration endpoint stays {@code PUBLIC_BASE_URL/register}.
     */
    public static final String FHIR_BASE_URL = "FHIR_BASE_URL";
    /**
     * Space-separated capabilities of the UDAP discovery document (IG STU2 §2.2), each defaulting to what the service
     * published before it was configurable; {@link UdapSettings} checks them against each other.
     */
    public static final String UDAP_PROFILES_SUPPORTED = "UDAP_PROFILES_SUPPORTED";
    public static final String UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED = "UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED";
    public static final String UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED = "UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED";
    public static final String UDAP_CERTIFICATIONS_SUPPORTED = "UDAP_CERTIFICATIONS_SUPPORTED";
    public static final String UDAP_CERTIFICATIONS_REQUIRED = "UDAP_CERTIFICATIONS_REQUIRED";
    public static final String UDAP_GRANT_TYPES_SUPPORTED = "UDAP_GRANT_TYPES_SUPPORTED";
    public static final String UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS = "UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS";
    public static final String UDAP_REGISTRATION_SIGNING_ALGS = "UDAP_REGISTRATION_SIGNING_ALGS";
    /**
     * Seconds between re-reads of the secrets a function holds (UDAP signing key, trust anchors, Idempotency-Key
     * pepper); default 300. A failed re-read keeps the last good value for at most an hour more.
     */
    public static final String SECRETS_REFRESH_SECONDS = "SECRETS_REFRESH_SECONDS";
    /** Secrets Manager secret holding the pepper of Idempotency-Key derivations (in AWS, and in the emulator locally). */
    public static final String IDEMPOTENCY_PEPPER_SECRET = "IDEMPOTENCY_PEPPER_SECRET";
    /** Port of the local API. */
    public static final String PORT = "PORT";
    /** {@code warning} (default) or {@code error}: how tos_uri and policy_uri probe failures count (policy section 5). */
    public static final String TOS_POLICY_PROBE_FAILURES = "TOS_POLICY_PROBE_FAILURES";

    /** Optional KMS key (id or ARN) that encrypts client secrets; the account's default key when unset. */
    public static final String SECRETS_KMS_KEY_ID = "SECRETS_KMS_KEY_ID";
    /** Days until a client secret expires ({@code client_secret_expires_at}); 0 or unset for never. */
    public static final String CLIENT_SECRET_LIFETIME_DAYS = "CLIENT_SECRET_LIFETIME_DAYS";
    /** The probe function (name, ARN or alias ARN) the issuing functions invoke; the local runner probes in-process. */
    public static final String PROBE_FUNCTION_NAME = "PROBE_FUNCTION_NAME";

    /** Product token of the prober's User-Agent. */
    static final String PROBE_PRODUCT = "FHIR-Client-Registration-URL-Probe/1.0";

    private final Map<String, String> environment;

    public Settings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A function's settings; refuses to start when a {@code PROBE_*} test seam is set without its guard. */
    public static Settings fromEnvironment() {
        Settings settings = new Settings(System.getenv());
        settings.refuseTestSeamsUnlessAllowed();
        return settings;
    }

    /**
     * Fails closed: a {@code PROBE_*} seam widens what the prober may reach (policy section 5), so it is honoured only
     * beside {@code PROBE_TEST_SEAMS=allowed}, which the template never sets.
     */
    private void refuseTestSeamsUnlessAllowed() {
        if (optional(PROBE_TEST_SEAMS).filter(PROBE_TEST_SEAMS_ALLOWED::equals).isPresent()) {
            return;
        }
        List<String> set = PROBE_SEAMS.stream().filter(name -> optional(name).isPresent()).toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException(String.join(", ", set) + " is a test seam and is refused unless "
                    + PROBE_TEST_SEAMS + "=" + PROBE_TEST_SEAMS_ALLOWED + " is set too (only local tooling sets it)");
        }
    }

    /** {@code MANUAL_REGISTRATION_URL}: required, an absolute http(s) URL. */
    public URI manualRegistrationUrl() {
        return absoluteHttpUrl(MANUAL_REGISTRATION_URL);
    }

    private URI absoluteHttpUrl(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalStateException(name + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name + " must be an absolute http(s) URL", e);
        }
    }

    /**
     * The prober's configuration. The {@code PROBE_*} seams are read when set beside {@code PROBE_TEST_SEAMS=allowed}
     * (tests and the local API); a seam without it, or a malformed value, stops the function from starting rather
     * than weakening a check.
     */
    public ProbeConfiguration probeConfiguration() {
        refuseTestSeamsUnlessAllowed();
        Parsed<List<Cidr>> cidrs = Cidr.parseList(environment.getOrDefault(PROBE_ALLOWED_CIDRS, ""));
        if (!cidrs.isOk()) {
            throw new IllegalStateException(PROBE_ALLOWED_CIDRS + " " + cidrs.problem());
        }
        String terms = environment.getOrDefault(TOS_POLICY_PROBE_FAILURES, "warning").strip();
        if (!terms.equals("warning") && !terms.equals("error")) {
            throw new IllegalStateException(TOS_POLICY_PROBE_FAILURES + " must be warning or error");
        }
        String base = environment.getOrDefault(PUBLIC_BASE_URL, "").strip();
        String userAgent = base.isEmpty() ? PROBE_PRODUCT : PROBE_PRODUCT + " (+" + base + ")";
        return new ProbeConfiguration(file(PROBE_HOSTS_FILE), file(PROBE_TRUSTED_CA_FILE), cidrs.value(),
                terms.equals("error"), userAgent, ProbeLimits.defaults());
    }

    private Optional<Path> file(String name) {
        String value = environment.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(name + " names a file that cannot be read");
        }
        return Optional.of(path);
    }

    /** {@code PUBLIC_BASE_URL}: required where clients are issued, an absolute http(s) URL without query or fragment. */
    public URI publicBaseUrl() {
        return absoluteHttpUrl(PUBLIC_BASE_URL);
    }

    /** {@code CLIENTS_TABLE}: required where clients are stored. */
    public String clientsTable() {
        return required(CLIENTS_TABLE);
    }

    /** {@code SECRET_PREFIX}: required where secrets are stored. */
    public String secretPrefix() {
        return required(SECRET_PREFIX);
    }

    public Optional<String> secretsKmsKeyId() {
        return optional(SECRETS_KMS_KEY_ID);
    }

    public Optional<String> probeFunctionName() {
        return optional(PROBE_FUNCTION_NAME);
    }

    /** {@code FHIR_BASE_URL}, an absolute http(s) URL, or {@code PUBLIC_BASE_URL} when it is unset. */
    public URI fhirBaseUrl() {
        return optional(FHIR_BASE_URL).isPresent() ? absoluteHttpUrl(FHIR_BASE_URL) : publicBaseUrl();
    }

    /** The registration endpoint: {@code PUBLIC_BASE_URL/register}, the {@code aud} of UDAP software statements. */
    public URI registrationEndpoint() {
        String base = publicBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/register");
    }

    /** A setting's value when set and not blank. */
    public Optional<String> value(String name) {
        return optional(name);
    }

    /** A setting naming a file: empty when unset; refuses to start when it names a file that cannot be read. */
    public Optional<Path> readableFile(String name) {
        return file(name);
    }

    /** {@code CLIENT_SECRET_LIFETIME_DAYS}: zero (never expires) unless set to a positive number of days. */
    public Duration clientSecretLifetime() {
        String value = optional(CLIENT_SECRET_LIFETIME_DAYS).orElse("0");
        try {
            long days = Long.parseLong(value);
            if (days < 0) {
                throw new NumberFormatException("negative");
            }
            return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(CLIENT_SECRET_LIFETIME_DAYS + " must be a whole number of days, 0 for never");
        }
    }

    private String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(name + " must be set"));
    }

    private Optional<String> optional(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** {@code SECRETS_REFRESH_SECONDS}: how often secrets are re-read; a positive whole number, 300 when unset. */
    public RefreshingSecret.Timing secretsRefresh() {
        String value = optional(SECRETS_REFRESH_SECONDS).orElse("300");
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return RefreshingSecret.Timing.every(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException malformed) {
            // Reported below with the variable's name.
        }
        throw new IllegalStateException(SECRETS_REFRESH_SECONDS + " must be a positive whole number of seconds");
    }

    /** What the policy needs from configuration. */
    public PolicyContext policyContext() {
        return new PolicyContext(manualRegistrationUrl()).withSupportedScopes(supportedScopes());
    }

    /** {@link #SCOPES_SUPPORTED}, or every scope when it is unset; a malformed value stops the function. */
    public SupportedScopes supportedScopes() {
        return optional(SCOPES_SUPPORTED).map(text -> {
            Parsed<SupportedScopes> parsed = SupportedScopes.parse(text);
            if (!parsed.isOk()) {
                throw new IllegalStateException(SCOPES_SUPPORTED + ": " + parsed.problem());
            }
            return parsed.value();
        }).orElse(SupportedScopes.UNRESTRICTED);
    }
}
