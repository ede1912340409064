package health.registration.core.udap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientInformation;
import health.registration.core.issue.ClientRecord;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.util.List;

/**
 * The registration parameters a verified statement carries, and the answer to it (UDAP DCR §5.1, IG STU2 §3.2.3):
 * {@code client_id}, the software statement exactly as submitted (RFC 7591 §3.2.1), and every registration parameter
 * exactly as sent, arrays in the same order (Inferno compares them as JSON), except {@code scope}, which is what was
 * granted (IG STU2 general §7.3); the JWT claims iss, sub, aud, exp, nbf,
 * iat and jti are neither stored nor echoed (STU2: SHOULD NOT). No secret is issued.
 */
final class UdapAnswer {

    /** The statement's JWT claims, which are not registration parameters. */
    static final List<String> JWT_CLAIMS = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    private final VerifiedStatement statement;

    UdapAnswer(VerifiedStatement statement) {
        this.statement = statement;
    }

    /** The registration parameters: the claims without the JWT ones, in the order sent. */
    ClientMetadata parameters() {
        ObjectNode parameters = statement.claims().deepCopy();
        parameters.remove(JWT_CLAIMS);
        return ClientMetadata.of(parameters).registrable();
    }

    /** IG STU2 §3.4: an empty grant_types array asks to cancel the registration. */
    boolean cancels() {
        JsonNode grants = statement.claims().get(MetadataMember.GRANT_TYPES.jsonName());
        return grants != null && grants.isArray() && grants.isEmpty();
    }

    /** A cancel's parameters as answered: nothing is granted, so no scope is echoed (IG STU2 general §7.3). */
    ClientMetadata cancellation() {
        return parameters().without(List.of(MetadataMember.SCOPE.jsonName()));
    }

    /** The answer with the parameters as registered: as sent, but the scope as granted. */
    ObjectNode toJson(ClientRecord record, ClientMetadata registered) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put(ClientInformation.CLIENT_ID, record.clientId().value());
        answer.put(ClientInformation.CLIENT_ID_ISSUED_AT, record.credentials().issuedAt().getEpochSecond());
        answer.put(UdapRequest.SOFTWARE_STATEMENT, statement.softwareStatement());
        answer.setAll(registered.toJson());
        return answer;
    }
}
