package health.registration.core.policy;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What rules need to know beyond the metadata.
 *
 * @param manualRegistrationUrl where apps that the open paths refuse register by hand ({@code MANUAL_REGISTRATION_URL})
 * @param probeFindings         what probing the URLs found (policy section 5), as violations; empty when the URLs
 *                              were not probed, as on {@code POST /validate}
 */
public record PolicyContext(URI manualRegistrationUrl, List<Violation> probeFindings) {

    public PolicyContext {
        Objects.requireNonNull(manualRegistrationUrl, "manualRegistrationUrl");
        probeFindings = List.copyOf(probeFindings);
    }

    /** A context for rules that need no network. */
    public PolicyContext(URI manualRegistrationUrl) {
        this(manualRegistrationUrl, List.of());
    }

    /** The same context with what probing found. */
    public PolicyContext withProbeFindings(List<Violation> findings) {
        return new PolicyContext(manualRegistrationUrl, findings);
    }
}
