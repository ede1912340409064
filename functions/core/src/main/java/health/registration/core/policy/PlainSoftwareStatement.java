package health.registration.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.JsonLimits;
import health.registration.core.model.MetadataMember;
import java.text.ParseException;
import java.util.Optional;

/**
 * A {@code software_statement} outside UDAP registration (RFC 7591 §2.3, §3.1.1): this server approves software
 * statements only from UDAP clients, signed with the key of a certificate of a trusted community (UDAP DCR §4). So a
 * statement that is no signed JWT is {@code invalid_software_statement}, and any other is
 * {@code unapproved_software_statement}: the server trusts no other issuer (RFC 7591 §3.2.2). Neither is ever
 * invalid_client_metadata, so that a client knows its statement, not its metadata, was refused.
 */
public final class PlainSoftwareStatement {

    private static final String POINTER = FieldPointer.of(MetadataMember.SOFTWARE_STATEMENT.jsonName());
    private static final String INVALID = "software_statement must be a JWT signed with JWS (RFC 7591 section 2.3),"
            + " in compact serialization";
    private static final String UNAPPROVED = "software_statement is approved only in UDAP registration: a statement"
            + " signed with the key of a UDAP certificate of a trusted community, its chain in the x5c header, sent with"
            + " \"udap\": \"1\" (UDAP DCR section 3, HL7 UDAP Security IG section 3); this server trusts no other issuer";

    private PlainSoftwareStatement() {}

    /**
     * True when a body asks for the UDAP path: it carries {@code udap}, or a statement in the UDAP form, a JWS whose
     * header carries x5c (IG STU2 general §7.1.3), as a UDAP client sends even when it forgets {@code udap}.
     */
    public static boolean asksForUdap(ClientMetadata body) {
        return body.get(MetadataMember.UDAP.jsonName()).isPresent() || body.text(MetadataMember.SOFTWARE_STATEMENT)
                .flatMap(PlainSoftwareStatement::jws).filter(jws -> jws.getHeader().getX509CertChain() != null).isPresent();
    }

    /** The refusal of a body that is not a UDAP request but carries a software_statement; empty when it carries none. */
    public static Optional<RegistrationError> refusal(ClientMetadata body) {
        return body.get(MetadataMember.SOFTWARE_STATEMENT.jsonName()).map(PlainSoftwareStatement::refusal);
    }

    /** The one problem with a statement this server does not take: unreadable, or from an issuer it does not trust. */
    public static Violation problem(JsonNode statement) {
        Optional<JWSObject> jws = statement.isTextual() ? jws(statement.textValue()) : Optional.empty();
        return jws.isEmpty()
                ? Violation.error(POINTER, RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, INVALID)
                : Violation.error(POINTER, RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT, UNAPPROVED);
    }

    /** The refusal of a request for the UDAP path while UDAP registration is off (no trust anchors configured). */
    public static RegistrationError udapOff(ClientMetadata body) {
        Optional<JsonNode> statement = body.get(MetadataMember.SOFTWARE_STATEMENT.jsonName());
        if (statement.isPresent() && problem(statement.get()).code() == RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT) {
            return refusal(statement.get());
        }
        return RegistrationError.single(Violation.error(POINTER, RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT,
                "UDAP registration is not enabled on this server, and it approves software statements from no other issuer"));
    }

    private static RegistrationError refusal(JsonNode statement) {
        return RegistrationError.single(problem(statement));
    }

    /** The statement read as a JWS, within a request body's bound (policy section 8); empty when it is none. */
    private static Optional<JWSObject> jws(String text) {
        if (text.length() > JsonLimits.MAX_DOCUMENT_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWSObject.parse(text));
        } catch (ParseException | IllegalArgumentException | IllegalStateException unreadable) {
            return Optional.empty();
        }
    }
}
