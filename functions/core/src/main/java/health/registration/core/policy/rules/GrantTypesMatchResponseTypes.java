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
 * RFC 7591 §2.1: grant_types and response_types agree, defaults included: response type {@code code} goes with the
 * authorization_code grant. (The {@code token}/implicit pair needs no check: both are refused on every path.)
 */
public final class GrantTypesMatchResponseTypes implements Rule {

    private static final String GRANTS = MetadataMember.GRANT_TYPES.jsonName();
    private static final String RESPONSES = MetadataMember.RESPONSE_TYPES.jsonName();

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        boolean code = metadata.valuesOrDefault(MetadataMember.RESPONSE_TYPES, ClientMetadata.DEFAULT_RESPONSE_TYPES).contains("code");
        boolean authorizationCode = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES)
                .contains("authorization_code");
        if (code && !authorizationCode) {
            return List.of(Violation.error(FieldPointer.of(GRANTS), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "grant_types must include authorization_code, because response_types includes code (RFC 7591 section 2.1)"));
        }
        if (authorizationCode && !code) {
            return List.of(Violation.error(FieldPointer.of(RESPONSES), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "response_types must include code, because grant_types includes authorization_code (RFC 7591 section 2.1)"));
        }
        return List.of();
    }
}
