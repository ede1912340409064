package health.registration.core.probe;

import health.registration.core.model.UrlField;
import java.util.Optional;

/**
 * What each URL field requires of the answer to a GET (policy section 5), by {@link UrlField.Answer}: never a
 * redirect; endpoints called later with parameters (redirect URIs, logout and login-initiation endpoints, request
 * URIs) answer 2xx or a 4xx other than 404 and 410 (a callback called without parameters commonly answers 400);
 * client_uri, tos_uri, policy_uri, jwks_uri and sector_identifier_uri answer 2xx; logo_uri answers 200 with an image
 * whose bytes agree with its content type, within the size cap.
 */
public final class HostingRequirements {

    private HostingRequirements() {}

    public static ProbeOutcome outcomeOf(UrlField field, FetchedPage page, int maxLogoBytes) {
        ProbeOutcome byStatus = outcomeOf(field, page.status());
        return field == UrlField.LOGO_URI && byStatus == ProbeOutcome.OK ? imageOutcome(page, maxLogoBytes) : byStatus;
    }

    /** What the status alone says; for a logo, OK means only that the image must still be looked at. */
    public static ProbeOutcome outcomeOf(UrlField field, int status) {
        if (status >= 300 && status < 400) {
            return ProbeOutcome.REDIRECT;
        }
        if (status == 404 || status == 410) {
            return ProbeOutcome.NOT_FOUND;
        }
        if (status >= 500 || status < 200) {
            return ProbeOutcome.SERVER_ERROR;
        }
        if (status >= 400) {
            return field.answer() == UrlField.Answer.REACHABLE ? ProbeOutcome.OK : ProbeOutcome.CLIENT_ERROR;
        }
        return ProbeOutcome.OK;
    }

    /** Whether an answer fetched as an image is an acceptable logo: 200, within the cap, bytes matching the type. */
    static ProbeOutcome imageOutcome(FetchedPage page, int maxLogoBytes) {
        if (page.status() != 200) {
            return ProbeOutcome.NOT_AN_IMAGE;
        }
        if (page.truncated() || page.contentLength() > maxLogoBytes || page.body().length > maxLogoBytes) {
            return ProbeOutcome.TOO_LARGE;
        }
        Optional<ImageFormat> declared = ImageFormat.forContentType(page.contentType());
        return declared.filter(format -> format.matches(page.body())).isPresent() ? ProbeOutcome.OK : ProbeOutcome.NOT_AN_IMAGE;
    }
}
