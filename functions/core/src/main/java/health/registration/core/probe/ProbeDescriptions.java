package health.registration.core.probe;

import health.registration.core.model.UrlMember;

/** The plain sentences that tell a registrant what probing a URL found and what to do about it. */
final class ProbeDescriptions {

    /** Longest {@code Location} echoed back; it comes from someone else's server. */
    static final int MAX_LOCATION = 200;

    private ProbeDescriptions() {}

    static String describe(UrlMember member, ProbeOutcome outcome, Integer status, String location, String failure,
                           ProbeLimits limits) {
        String name = member.name();
        return switch (outcome) {
            case OK -> "";
            case REDIRECT -> name + " redirects (HTTP " + status + ")" + (location == null ? "" : " to " + location)
                    + "; register the final URL, which must answer without redirecting";
            case NOT_FOUND -> name + " answered HTTP " + status + "; it must be an actively hosted URL";
            case CLIENT_ERROR -> name + " answered HTTP " + status + "; it must answer with a 2xx status";
            case SERVER_ERROR -> name + " answered HTTP " + status + "; it must answer without a server error";
            case TLS_ERROR -> name + " failed the TLS handshake (" + failure + "); it needs a certificate that public"
                    + " trust stores accept for its host";
            case TIMEOUT -> name + " did not answer within " + limits.callTimeout().toSeconds() + " seconds";
            case CONNECT_ERROR -> name + " could not be connected to (" + failure + ")";
            case DNS_ERROR -> name + " has a host name that does not resolve";
            case NOT_PUBLIC -> name + " has a host name that resolves to " + failure
                    + "; only public internet addresses are accepted";
            case NOT_AN_IMAGE -> name + " must answer HTTP 200 with a PNG, JPEG, GIF, WebP or ICO image whose bytes"
                    + " match its Content-Type (SVG is not accepted)";
            case TOO_LARGE -> name + " is larger than " + limits.maxLogoBytes() / 1024 + " KiB";
            case INVALID_URL -> name + " was not probed because it breaks a URL rule (see POST /validate)";
            case TOO_MANY_URLS -> name + " was not probed: a registration may have at most "
                    + limits.maxUrlsPerRegistration() + " distinct URLs probed";
            case RATE_LIMITED -> name + " was not probed because its host has been probed too often; try again in a minute";
            case NOT_PROBED -> "";
        };
    }

    /** A redirect target fit to echo: printable ASCII only, truncated. */
    static String sanitizeLocation(String location) {
        if (location == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < location.length() && safe.length() < MAX_LOCATION; i++) {
            char c = location.charAt(i);
            safe.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return location.length() > MAX_LOCATION ? safe + "..." : safe.toString();
    }
}
