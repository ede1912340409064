package health.registration.core.policy;

import health.registration.core.model.SupportedScopes;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What rules need to know beyond the metadata.
 *
 * @param manualRegistrationUrl where apps that the open paths refuse register by hand ({@code MANUAL_REGISTRATION_URL})
 * @param probeFindings         what probing the URLs found (policy section 5), as violations; empty when the URLs
 *                              were not probed, as on {@code POST /validate}
 * @param supportedScopes       the scopes the authorization server supports ({@code SCOPES_SUPPORTED}), which decide
 *                              what of a requested scope is granted (UDAP IG STU2 general §7.3)
 */
public record PolicyContext(URI manualRegistrationUrl, List<Violation> probeFindings, SupportedScopes supportedScopes) {

    public PolicyContext {
        Objects.requireNonNull(manualRegistrationUrl, "manualRegistrationUrl");
        probeFindings = List.copyOf(probeFindings);
        Objects.requireNonNull(supportedScopes, "supportedScopes");
    }

    /** A context with what probing found, every scope granted as asked. */
    public PolicyContext(URI manualRegistrationUrl, List<Violation> probeFindings) {
        this(manualRegistrationUrl, probeFindings, SupportedScopes.UNRESTRICTED);
    }

    /** A context for rules that need no network, every scope granted as asked. */
    public PolicyContext(URI manualRegistrationUrl) {
        this(manualRegistrationUrl, List.of());
    }

    /** The same context with what probing found. */
    public PolicyContext withProbeFindings(List<Violation> findings) {
        return new PolicyContext(manualRegistrationUrl, findings, supportedScopes);
    }

    /** The same context granting only what {@code scopes} support. */
    public PolicyContext withSupportedScopes(SupportedScopes scopes) {
        return new PolicyContext(manualRegistrationUrl, probeFindings, scopes);
    }
}
