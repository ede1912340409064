package health.registration.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.RegistrationErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wire form of a direct invocation of the probe function, the only code that fetches URLs someone else chose
 * (docs/architecture.md): its member names, its limits and its answers, for the probe function and for every caller
 * (register's prober, the CRL, issuer-certificate and challenge fetches, re-verification). Each request carries one
 * of these members:
 * <ul>
 *   <li>{@code {"metadata": {...}}}: the URL members probed, answered with a {@link ProbeReportJson} report;</li>
 *   <li>{@code {"targets": [...]}}: at most {@link #MAX_TARGETS} URLs, answered with {@link UrlProbeJson} probes;</li>
 *   <li>{@code {"crl_url": ...}}: answered {@code {"crl": base64 DER}} (RFC 5280 §4.2.1.13);</li>
 *   <li>{@code {"issuer_url": ...}}: answered {@code {"certificates": [base64 DER, ...]}}, at most
 *       {@link #MAX_CERTIFICATES} (RFC 5280 §4.2.2.1);</li>
 *   <li>{@code {"challenge_url": ...}}: answered {@code {"challenge": body}}.</li>
 * </ul>
 * What cannot be answered comes back as {@code {"error": ...}}: a {@link Unavailable} code, or invalid_request with an
 * {@code error_description} for a payload that is none of these. Any request may also carry
 * {@code "caller_request_id"}: the request id of the registration, update or run it is made for, which the probe
 * function names on its log lines (docs/operations/logging.md); it changes nothing else.
 */
public final class ProbeInvocation {

    public static final String METADATA = "metadata";
    public static final String TARGETS = UrlProbeJson.TARGETS;
    public static final String CRL_URL = "crl_url";
    public static final String CRL = "crl";
    public static final String ISSUER_URL = "issuer_url";
    public static final String CERTIFICATES = "certificates";
    public static final String CHALLENGE_URL = "challenge_url";
    public static final String CHALLENGE = "challenge";
    public static final String ERROR = "error";
    public static final String ERROR_DESCRIPTION = "error_description";
    public static final String CALLER_REQUEST_ID = "caller_request_id";

    /** Longest caller request id the probe function logs; API Gateway's and Lambda's ids are 36 characters. */
    public static final int MAX_CALLER_REQUEST_ID = 64;

    /** Most targets one invocation probes: a re-verification run sends its URLs in chunks of at most this many. */
    public static final int MAX_TARGETS = 1000;

    /** Most certificates one issuer URL may publish (a certificate and its chain); more is no answer. */
    public static final int MAX_CERTIFICATES = 8;

    /** Why the probe function could not supply what was asked; each says nothing about the URL. */
    public enum Unavailable {
        CRL("crl_unavailable"),
        ISSUER("issuer_unavailable"),
        CHALLENGE("challenge_unavailable");

        private final String code;

        Unavailable(String code) {
            this.code = code;
        }

        /** The value of the answer's {@code error} member. */
        public String code() {
            return code;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    private ProbeInvocation() {}

    public static ObjectNode metadataRequest(ObjectNode metadata) {
        ObjectNode payload = JSON.objectNode();
        payload.set(METADATA, metadata);
        return payload;
    }

    public static ObjectNode crlRequest(String url) {
        return JSON.objectNode().put(CRL_URL, url);
    }

    public static ObjectNode issuerRequest(String url) {
        return JSON.objectNode().put(ISSUER_URL, url);
    }

    public static ObjectNode challengeRequest(String url) {
        return JSON.objectNode().put(CHALLENGE_URL, url);
    }

    /** Runs {@code work} with {@code requestId} as the caller that {@link #fromCaller} adds to this thread's requests. */
    public static <T> T onBehalfOf(String requestId, Supplier<T> work) {
        String previous = CALLER.get();
        CALLER.set(requestId);
        try {
            return work.get();
        } finally {
            CALLER.set(previous);
        }
    }

    /** The payload, naming the request this thread works for ({@link #onBehalfOf}) when there is one. */
    public static ObjectNode fromCaller(ObjectNode payload) {
        String caller = CALLER.get();
        return caller == null ? payload : payload.put(CALLER_REQUEST_ID, caller);
    }

    /**
     * The caller's request id a payload names, when it is one a log line may carry: at most
     * {@link #MAX_CALLER_REQUEST_ID} letters, digits, '-', '_', ':' or '.'.
     */
    public static Optional<String> callerRequestId(JsonNode payload) {
        return text(payload, CALLER_REQUEST_ID)
                .filter(id -> !id.isEmpty() && id.length() <= MAX_CALLER_REQUEST_ID && id.matches("[A-Za-z0-9_:.-]+"));
    }

    /** The text of {@code member} when the payload carries it as a string. */
    public static Optional<String> text(JsonNode payload, String member) {
        return payload != null && payload.path(member).isTextual() ? Optional.of(payload.get(member).textValue())
                : Optional.empty();
    }

    public static ObjectNode unavailable(Unavailable why) {
        return JSON.objectNode().put(ERROR, why.code());
    }

    /** The answer to a payload the probe function cannot read (RFC 6749 §5.2's invalid_request). */
    public static ObjectNode invalidRequest(String description) {
        return JSON.objectNode().put(ERROR, RegistrationErrorCode.INVALID_REQUEST.code()).put(ERROR_DESCRIPTION, description);
    }

    /** The base64 DER items of a {@code certificates} answer; empty when there are none or more than the cap. */
    public static List<String> certificates(JsonNode answer) {
        JsonNode items = answer == null ? null : answer.path(CERTIFICATES);
        if (items == null || !items.isArray() || items.size() > MAX_CERTIFICATES) {
            return List.of();
        }
        List<String> base64 = new ArrayList<>();
        items.forEach(item -> base64.add(item.asText()));
        return List.copyOf(base64);
    }
}
