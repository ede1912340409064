package health.registration.core.probe;

/** What probing one URL found (policy section 5). The wire code is {@link #code()}. */
public enum ProbeOutcome {
    /** Answered as the field requires. */
    OK("ok", false),
    /** Answered 3xx; redirects are never followed. */
    REDIRECT("redirect", false),
    /** Answered 404 or 410. */
    NOT_FOUND("not_found", false),
    /** Answered another 4xx where the field needs 2xx. */
    CLIENT_ERROR("client_error", false),
    /** Answered 5xx. */
    SERVER_ERROR("server_error", true),
    /** The TLS handshake failed: untrusted, expired or wrong-host certificate, or no common protocol. */
    TLS_ERROR("tls_error", false),
    /** No answer within the connect, read or whole-call time limit. */
    TIMEOUT("timeout", true),
    /** The connection was refused or reset. */
    CONNECT_ERROR("connect_error", true),
    /** The name does not resolve, or resolution failed. */
    DNS_ERROR("dns_error", true),
    /** The name resolves to an address outside public unicast space; nothing was connected. */
    NOT_PUBLIC("not_public", false),
    /** The logo is not a PNG, JPEG, GIF, WebP or ICO image whose bytes agree with its content type. */
    NOT_AN_IMAGE("not_an_image", false),
    /** The logo is larger than the size cap. */
    TOO_LARGE("too_large", false),
    /** The URL breaks a URL rule (see {@code POST /validate}), so it was not probed. */
    INVALID_URL("invalid_url", false),
    /** The registration names more distinct URLs than one registration may have probed. */
    TOO_MANY_URLS("too_many_urls", false),
    /** The target host has been probed too often lately; try again later. */
    RATE_LIMITED("rate_limited", true),
    /** A native app's redirect URI (private-use scheme or loopback, manual path only): nothing on the internet serves it. */
    NOT_PROBED("not_probed", false);

    private final String code;
    private final boolean transientFailure;

    ProbeOutcome(String code, boolean transientFailure) {
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public String code() {
        return code;
    }

    /** A failure that may go away by itself (timeouts, 5xx); the others need the app to change something. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
