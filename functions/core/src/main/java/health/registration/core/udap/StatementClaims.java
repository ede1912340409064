package health.registration.core.udap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.Parsed;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * UDAP DCR §4.3 with the IG STU2 registration §3.1 claim table: {@code iss} is a SAN URI of x5c[0], {@code sub}
 * equals it, {@code aud} names the registration endpoint, the statement is unexpired and lives at most five minutes,
 * was not issued in the future, and has a {@code jti}. Problems are sentences that never repeat a claim's value.
 */
final class StatementClaims {

    /** IG STU2 registration §3.1: "The exp time SHALL be no more than 5 minutes after the value of the iat claim". */
    static final long MAX_LIFETIME_SECONDS = 300;
    /** How far in the future iat and nbf may be, for clocks that are a little ahead of ours. */
    static final long IAT_SKEW_SECONDS = 60;

    /** What the checked claims say. */
    record Checked(String issuer, String jti, Instant expiresAt) {}

    private StatementClaims() {}

    static Parsed<Checked> check(ObjectNode claims, X509Certificate leaf, URI registrationEndpoint, Instant now) {
        JsonNode iss = claims.get("iss");
        // IG STU2 general §7.1.5: URIs are compared as case-sensitive strings, without normalisation.
        if (iss == null || !iss.isTextual() || !SubjectAlternativeNames.uris(leaf).contains(iss.textValue())) {
            return Parsed.failure("software_statement iss must be one of the uniformResourceIdentifier entries of the"
                    + " Subject Alternative Name of the x5c[0] certificate, written exactly the same");
        }
        if (!iss.equals(claims.get("sub"))) {
            return Parsed.failure("software_statement sub must equal its iss");
        }
        if (!names(claims.get("aud"), registrationEndpoint.toString())) {
            return Parsed.failure("software_statement aud must be this server's registration endpoint URL, exactly as"
                    + " published in its UDAP metadata");
        }
        Parsed<Instant> expiresAt = expiry(claims, now);
        if (!expiresAt.isOk()) {
            return Parsed.failure(expiresAt.problem());
        }
        JsonNode jti = claims.get("jti");
        if (jti == null || !jti.isTextual() || jti.textValue().isEmpty()) {
            return Parsed.failure("software_statement jti must be a non-empty string that identifies this statement");
        }
        return Parsed.ok(new Checked(iss.textValue(), jti.textValue(), expiresAt.value()));
    }

    /** exp, iat and nbf (RFC 7519 §4.1.4–4.1.6): integers first, then their order; when the statement expires. */
    private static Parsed<Instant> expiry(ObjectNode claims, Instant now) {
        Parsed<Optional<Long>> exp = seconds(claims, "exp", true);
        Parsed<Optional<Long>> iat = seconds(claims, "iat", true);
        Parsed<Optional<Long>> nbf = seconds(claims, "nbf", false);
        for (Parsed<Optional<Long>> time : List.of(exp, iat, nbf)) {
            if (!time.isOk()) {
                return Parsed.failure(time.problem());
            }
        }
        long expires = exp.value().orElseThrow();
        Optional<String> badTimes = lifetimeProblem(expires, iat.value().orElseThrow(), now);
        if (badTimes.isPresent()) {
            return Parsed.failure(badTimes.get());
        }
        // RFC 7519 §4.1.5: a JWT must not be accepted before its nbf.
        if (nbf.value().filter(notBefore -> notBefore > now.getEpochSecond() + IAT_SKEW_SECONDS).isPresent()) {
            return Parsed.failure("software_statement nbf, when present, must not be in the future");
        }
        return Parsed.ok(Instant.ofEpochSecond(expires));
    }

    /** UDAP DCR §4.3: "The aud value MUST contain the Authorization Server's registration endpoint URL". */
    private static boolean names(JsonNode aud, String endpoint) {
        if (aud != null && aud.isTextual()) {
            return aud.textValue().equals(endpoint);
        }
        if (aud != null && aud.isArray()) {
            for (JsonNode audience : aud) {
                if (audience.isTextual() && audience.textValue().equals(endpoint)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * RFC 7519 §2 NumericDate, as this service accepts it: a JSON integer within the range of a long, checked before
     * any arithmetic, so that {@code 1e999999999} or a fraction never reaches a calculation (policy section 8). A
     * required claim that is absent, or any claim that is not such an integer, is a problem naming the claim; an
     * absent optional claim is empty.
     */
    private static Parsed<Optional<Long>> seconds(ObjectNode claims, String name, boolean required) {
        JsonNode value = claims.get(name);
        if (value == null && !required) {
            return Parsed.ok(Optional.empty());
        }
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            return Parsed.failure("software_statement " + name + (required ? " is required and" : ", when present,")
                    + " must be a whole number of seconds since the epoch (a JSON integer without fraction or exponent)");
        }
        return Parsed.ok(Optional.of(value.longValue()));
    }

    /** RFC 7519 §4.1.4 and §4.1.6, with the IG's five-minute lifetime; long arithmetic that cannot overflow. */
    private static Optional<String> lifetimeProblem(long expires, long issued, Instant now) {
        long current = now.getEpochSecond();
        if (expires <= current) {
            return Optional.of("software_statement has expired (exp); sign a new one for each registration request");
        }
        if (expires <= issued) {
            return Optional.of("software_statement exp must be later than its iat");
        }
        // exp is later than now, so exp - 300 cannot underflow; iat < exp, so the difference is positive.
        if (issued < expires - MAX_LIFETIME_SECONDS) {
            return Optional.of("software_statement exp must be no more than 300 seconds (5 minutes) after its iat");
        }
        if (issued > current + IAT_SKEW_SECONDS) {
            return Optional.of("software_statement iat must not be in the future; check the signer's clock");
        }
        return Optional.empty();
    }
}
