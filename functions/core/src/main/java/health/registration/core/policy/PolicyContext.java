package health.registration.core.policy;

import java.net.URI;
import java.util.Objects;

/**
 * What rules need to know beyond the metadata.
 *
 * @param manualRegistrationUrl where apps that the open paths refuse register by hand ({@code MANUAL_REGISTRATION_URL})
 */
public record PolicyContext(URI manualRegistrationUrl) {

    public PolicyContext {
        Objects.requireNonNull(manualRegistrationUrl, "manualRegistrationUrl");
    }
}
