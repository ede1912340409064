package health.registration.core.udap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.Parsed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * UDAP DCR §4.3 with the IG STU2 registration §3.1 claim table: {@code iss} is a SAN URI of x5c[0], {@code sub}
 * equals it, {@code aud} names the registration endpoint, the statement is unexpired and lives at most five minutes,
 * was not issued in the future, and has a {@code jti}. Problems are sentences that never repeat a claim's value.
 */
final class StatementClaims {

    /** IG STU2 registration §3.1: "The exp time SHALL be no more than 5 minutes after the value of the iat claim". */
    static final BigDecimal MAX_LIFETIME_SECONDS = BigDecimal.valueOf(300);
    /** How far in the future iat may be, for clocks that are a little ahead of ours. */
    static final BigDecimal IAT_SKEW_SECONDS = BigDecimal.valueOf(60);
    /** RFC 5280 §4.2.1.6: the GeneralName tag of a uniformResourceIdentifier. */

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
        Parsed<Instant> expiresAt = lifetime(claims.get("exp"), claims.get("iat"), now);
        if (!expiresAt.isOk()) {
            return Parsed.failure(expiresAt.problem());
        }
        JsonNode notBefore = claims.get("nbf");
        if (notBefore != null && (!notBefore.isNumber()
                || notBefore.decimalValue().compareTo(BigDecimal.valueOf(now.getEpochSecond()).add(IAT_SKEW_SECONDS)) > 0)) {
            // RFC 7519 §4.1.5: a JWT must not be accepted before its nbf.
            return Parsed.failure("software_statement nbf, when present, must be a number of seconds not in the future");
        }
        JsonNode jti = claims.get("jti");
        if (jti == null || !jti.isTextual() || jti.textValue().isEmpty()) {
            return Parsed.failure("software_statement jti must be a non-empty string that identifies this statement");
        }
        return Parsed.ok(new Checked(iss.textValue(), jti.textValue(), expiresAt.value()));
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

    /** RFC 7519 §4.1.4 and §4.1.6, with the IG's five-minute lifetime; exact arithmetic on the numbers as sent. */
    private static Parsed<Instant> lifetime(JsonNode exp, JsonNode iat, Instant now) {
        if (exp == null || !exp.isNumber() || iat == null || !iat.isNumber()) {
            return Parsed.failure("software_statement exp and iat must be JSON numbers of seconds since the epoch");
        }
        BigDecimal expires = exp.decimalValue();
        BigDecimal issued = iat.decimalValue();
        BigDecimal current = BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
        if (expires.compareTo(current) <= 0) {
            return Parsed.failure("software_statement has expired (exp); sign a new one for each registration request");
        }
        if (expires.compareTo(issued) <= 0) {
            return Parsed.failure("software_statement exp must be later than its iat");
        }
        if (expires.subtract(issued).compareTo(MAX_LIFETIME_SECONDS) > 0) {
            return Parsed.failure("software_statement exp must be no more than 300 seconds (5 minutes) after its iat");
        }
        if (issued.compareTo(current.add(IAT_SKEW_SECONDS)) > 0) {
            return Parsed.failure("software_statement iat must not be in the future; check the signer's clock");
        }
        // exp now lies within a few minutes of the clock, so it fits an Instant.
        BigDecimal seconds = expires.setScale(0, RoundingMode.FLOOR);
        return Parsed.ok(Instant.ofEpochSecond(seconds.longValueExact(),
                expires.subtract(seconds).movePointRight(9).longValue()));
    }

}
