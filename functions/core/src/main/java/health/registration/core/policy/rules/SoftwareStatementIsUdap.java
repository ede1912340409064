package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PlainSoftwareStatement;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * RFC 7591 §2.3 and §3.1.1 on the open path: a software statement is approved only in UDAP registration, so a plain
 * one is invalid_software_statement (no signed JWT) or unapproved_software_statement (see
 * {@link PlainSoftwareStatement}). A body that is a UDAP request is left to the UDAP path.
 */
public final class SoftwareStatementIsUdap implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        if (PlainSoftwareStatement.asksForUdap(metadata)) {
            return List.of();
        }
        // A statement of another JSON type is MembersHaveExpectedTypes' to report.
        return metadata.get(MetadataMember.SOFTWARE_STATEMENT.jsonName()).filter(JsonNode::isTextual)
                .map(statement -> List.of(PlainSoftwareStatement.problem(statement))).orElse(List.of());
    }
}
