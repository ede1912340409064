package health.registration.core.udap;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PlainSoftwareStatement;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.Optional;

/**
 * The body of a UDAP registration request (UDAP DCR §3, IG STU2 §3.2.3): {@code software_statement} (a signed JWT),
 * {@code udap} (the string "1") and optional {@code certifications} (signed JWTs; none are supported, so they are
 * ignored, as IG §3.3 requires). Other top-level members are ignored: the statement's claims take precedence
 * (UDAP DCR §3, RFC 7591 §3.1.1), and this service takes every registration parameter from the statement.
 */
public record UdapRequest(ClientMetadata body) {

    public static final String SOFTWARE_STATEMENT = MetadataMember.SOFTWARE_STATEMENT.jsonName();
    public static final String UDAP = MetadataMember.UDAP.jsonName();
    public static final String CERTIFICATIONS = MetadataMember.CERTIFICATIONS.jsonName();
    static final String SOFTWARE_STATEMENT_POINTER = FieldPointer.of(SOFTWARE_STATEMENT);

    /**
     * True when a body asks for the UDAP path: it carries {@code udap}, or a {@code software_statement} in the UDAP
     * form (a JWS with x5c, IG STU2 general §7.1.3), so that a UDAP client without {@code udap} hears
     * invalid_client_metadata as the IG says. A plain RFC 7591 statement is not: see {@link PlainSoftwareStatement}.
     */
    public static boolean isUdap(ClientMetadata body) {
        return PlainSoftwareStatement.asksForUdap(body);
    }

    public String softwareStatement() {
        return body.text(SOFTWARE_STATEMENT).orElse("");
    }

    /** What is wrong with the request's shape, before the statement is looked at. */
    Optional<RegistrationError> problem() {
        if (!body.text(UDAP).filter("1"::equals).isPresent()) {
            return refuse(FieldPointer.of(UDAP), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "udap must be the string \"1\": this server supports UDAP version 1");
        }
        if (body.text(SOFTWARE_STATEMENT).filter(s -> !s.isBlank()).isEmpty()) {
            return refuse(SOFTWARE_STATEMENT_POINTER, RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT,
                    "software_statement is required: a JWT signed with the key of the client's UDAP certificate");
        }
        Optional<JsonNode> certifications = body.get(CERTIFICATIONS);
        if (certifications.isPresent() && !(certifications.get().isArray()
                && java.util.stream.StreamSupport.stream(certifications.get().spliterator(), false).allMatch(JsonNode::isTextual))) {
            return refuse(FieldPointer.of(CERTIFICATIONS), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "certifications, when sent, must be an array of signed JWTs");
        }
        return Optional.empty();
    }

    private static Optional<RegistrationError> refuse(String pointer, RegistrationErrorCode code, String description) {
        return Optional.of(RegistrationError.single(Violation.error(pointer, code, description)));
    }
}
