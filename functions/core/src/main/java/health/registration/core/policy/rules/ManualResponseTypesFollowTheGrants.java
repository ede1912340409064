package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * RFC 7591 §2.1 on the manual path: response_types is {@code ["code"]} (or left out) with the authorization_code
 * grant, and empty (or left out) without it, as for a client_credentials-only client.
 */
public final class ManualResponseTypesFollowTheGrants implements Rule {

    private static final String RESPONSES = FieldPointer.of(MetadataMember.RESPONSE_TYPES.jsonName());

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        if (metadata.get(MetadataMember.RESPONSE_TYPES.jsonName()).filter(v -> v.isArray()).isEmpty()) {
            return List.of();
        }
        List<String> responses = metadata.valuesOrDefault(MetadataMember.RESPONSE_TYPES, List.of());
        boolean authorizationCode = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES)
                .contains("authorization_code");
        if (authorizationCode && !responses.equals(List.of("code"))) {
            return List.of(problem("response_types must be [\"code\"] with the authorization_code grant (RFC 7591 section 2.1)"));
        }
        if (!authorizationCode && !responses.isEmpty()) {
            return List.of(problem("response_types must be empty without the authorization_code grant (RFC 7591 section 2.1)"));
        }
        return List.of();
    }

    private static Violation problem(String description) {
        return Violation.error(RESPONSES, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
