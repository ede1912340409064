package health.registration.local;

import health.registration.core.policy.RegistrationErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for API Gateway's AWS_IAM authorisation on every path under {@code /operator/}: there is no IAM
 * locally, so a request there must carry {@code Authorization: Bearer <OPERATOR_LOCAL_TOKEN>}. When the token is not
 * configured, the operator routes are off: every request under {@code /operator/} is refused. An admitted request
 * reaches its handler as an IAM-authorised one does, with {@code requestContext.identity.userArn} set to
 * {@link #LOCAL_CALLER} and without the {@code Authorization} header, so the token never reaches a handler or a log.
 */
public final class OperatorGuard {

    /**
     * Local API only, never set by the template: the bearer token (at least 16 characters) that stands in for AWS_IAM
     * on every path under {@code /operator/} and {@code /authority/}. Unset, those routes are off locally ({@code 403}).
     */
    public static final String TOKEN_VARIABLE = "OPERATOR_LOCAL_TOKEN";
    /** The caller an admitted request names, in place of an IAM principal's ARN. */
    public static final String LOCAL_CALLER = "local-operator";
    static final int MIN_TOKEN_LENGTH = 16;
    private static final String PREFIX = "/operator";
    /** The authority API (docs/api/authority.md) is AWS_IAM-only as well: locally the same token stands in. */
    private static final String AUTHORITY_PREFIX = "/authority";
    private static final String BEARER = "bearer ";

    /** What the guard decided: refused with an answer, or admitted with the caller to name. */
    public sealed interface Decision {
        record Refused(ProxyResponse answer) implements Decision {}

        record Admitted(String caller) implements Decision {}
    }

    private final byte[] token;

    private OperatorGuard(byte[] token) {
        this.token = token;
    }

    /**
     * @param configured the token, or null or blank to switch the operator routes off
     * @throws IllegalArgumentException for a token shorter than {@value #MIN_TOKEN_LENGTH} characters
     */
    public static OperatorGuard of(String configured) {
        if (configured == null || configured.isBlank()) {
            return new OperatorGuard(null);
        }
        if (configured.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(TOKEN_VARIABLE + " must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        return new OperatorGuard(configured.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A line for the console saying whether the operator routes are on. */
    public String state() {
        return token == null ? "operator and authority routes (/operator/, /authority/) are off: " + TOKEN_VARIABLE
                + " is not set" : "operator and authority routes (/operator/, /authority/) need Authorization: Bearer <"
                + TOKEN_VARIABLE + ">";
    }

    /**
     * Whether requests to {@code rawPath} pass through this guard: {@code /operator} and {@code /authority} and
     * everything below them.
     */
    public static boolean guards(String rawPath) {
        String path = rawPath.toLowerCase(Locale.ROOT);
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/")
                || path.equals(AUTHORITY_PREFIX) || path.startsWith(AUTHORITY_PREFIX + "/");
    }

    /** The decision for a request under {@code /operator/} with these headers. */
    public Decision decide(Map<String, List<String>> headers) {
        if (token == null) {
            return new Decision.Refused(answer(RegistrationErrorCode.ACCESS_DENIED, "The operator routes are off locally; set "
                    + TOKEN_VARIABLE + " and send it as a bearer token (docs/api/operator.md)."));
        }
        List<String> values = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(h -> h.getValue().stream()).toList();
        boolean admitted = values.size() == 1 && values.get(0).regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(token, values.get(0).substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8));
        return admitted ? new Decision.Admitted(LOCAL_CALLER) : new Decision.Refused(answer(RegistrationErrorCode.INVALID_TOKEN,
                "The operator routes need Authorization: Bearer with the token in " + TOKEN_VARIABLE + "."));
    }

    private static ProxyResponse answer(RegistrationErrorCode error, String description) {
        int status = error.httpStatus();
        String body = "{\"error\":\"" + error.code() + "\",\"error_description\":\"" + description + "\"}";
        Map<String, List<String>> headers = status == 401
                ? Map.of("Content-Type", List.of("application/json"), "WWW-Authenticate", List.of("Bearer realm=\"operator\""))
                : Map.of("Content-Type", List.of("application/json"));
        return new ProxyResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
