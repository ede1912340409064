package health.registration.edge;

import health.registration.core.policy.PolicyContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The configuration every function and the local API read from their environment. The names are fixed; the
 * README's configuration table describes each. AWS endpoints and region come from the SDK's own
 * {@code AWS_ENDPOINT_URL} and {@code AWS_REGION}.
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
    /** PEM file of UDAP trust anchors (locally; in AWS they come from Secrets Manager). */
    public static final String UDAP_TRUST_ANCHORS_FILE = "UDAP_TRUST_ANCHORS_FILE";
    /** Port of the local API. */
    public static final String PORT = "PORT";

    private final Map<String, String> environment;

    public Settings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** {@code MANUAL_REGISTRATION_URL}: required, an absolute http(s) URL. */
    public URI manualRegistrationUrl() {
        String value = environment.get(MANUAL_REGISTRATION_URL);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(MANUAL_REGISTRATION_URL + " must be set to the address of manual registration");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
                throw new IllegalStateException(MANUAL_REGISTRATION_URL + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(MANUAL_REGISTRATION_URL + " must be an absolute http(s) URL", e);
        }
    }

    /** What the policy needs from configuration. */
    public PolicyContext policyContext() {
        return new PolicyContext(manualRegistrationUrl());
    }
}
