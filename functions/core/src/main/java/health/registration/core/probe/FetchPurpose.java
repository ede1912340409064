package health.registration.core.probe;

import health.registration.core.model.UrlField;

/** Why a URL is fetched, which decides what the request accepts. */
public enum FetchPurpose {
    /** A page: a redirect URI, client_uri, tos_uri or policy_uri. Only the status matters. */
    PAGE("text/html, application/xhtml+xml;q=0.9, */*;q=0.8"),
    /** A logo: the raster types a logo may have (docs/security.md, "Logos are raster images"); SVG is never asked for.
     * */
    IMAGE("image/png, image/jpeg, image/gif, image/webp, image/x-icon;q=0.8, image/vnd.microsoft.icon;q=0.8"),
    /** A certificate revocation list from a CRL distribution point (RFC 5280 §4.2.1.13). */
    CRL("application/pkix-crl, application/x-pkcs7-crl;q=0.9, */*;q=0.1"),
    /**
     * An issuer's certificate from an Authority Information Access caIssuers URL (RFC 5280 §4.2.2.1): DER, or a
     * certs-only CMS message.
     */
    ISSUER_CERTIFICATE("application/pkix-cert, application/pkcs7-mime;q=0.9, */*;q=0.1"),
    /** A developer certificate's ownership challenge: a short text file on the app's host (docs/api/certificates.md).
     * */
    CHALLENGE("text/plain, */*;q=0.1");

    private final String accept;

    FetchPurpose(String accept) {
        this.accept = accept;
    }

    /** The {@code Accept} header. */
    public String accept() {
        return accept;
    }

    public static FetchPurpose of(UrlField field) {
        return field == UrlField.LOGO_URI ? IMAGE : PAGE;
    }
}
