package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7591 §2.1: grant_types and response_types agree, defaults included: response type {@code code} goes with
 * the authorization_code grant and {@code token} with implicit.
 */
public final class GrantTypesMatchResponseTypes implements Rule {

    private static final List<String[]> PAIRS = List.of(
            new String[] {"code", "authorization_code"},
            new String[] {"token", "implicit"});

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<String> grants = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES);
        List<String> responses = metadata.valuesOrDefault(MetadataMember.RESPONSE_TYPES, ClientMetadata.DEFAULT_RESPONSE_TYPES);
        List<Violation> found = new ArrayList<>();
        for (String[] pair : PAIRS) {
            String responseType = pair[0];
            String grant = pair[1];
            if (responses.contains(responseType) && !grants.contains(grant)) {
                found.add(Violation.error(FieldPointer.of(MetadataMember.GRANT_TYPES.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        "grant_types must include " + grant + ", because response_types includes " + responseType
                                + " (RFC 7591 section 2.1)"));
            } else if (grants.contains(grant) && !responses.contains(responseType)) {
                found.add(Violation.error(FieldPointer.of(MetadataMember.RESPONSE_TYPES.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        "response_types must include " + responseType + ", because grant_types includes " + grant
                                + " (RFC 7591 section 2.1)"));
            }
        }
        return found;
    }
}
