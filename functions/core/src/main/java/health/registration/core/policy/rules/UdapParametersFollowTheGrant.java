package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
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
 * UDAP IG STU2 §3.1: with authorization_code, response_types is exactly {@code ["code"]} (redirect_uris is required,
 * see {@link RequiredMembersArePresent}); with client_credentials, redirect_uris and response_types are absent.
 */
public final class UdapParametersFollowTheGrant implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<String> grants = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, List.of());
        JsonNode responseTypes = metadata.get(MetadataMember.RESPONSE_TYPES.jsonName()).orElse(null);
        List<Violation> found = new ArrayList<>();
        if (grants.contains("authorization_code")) {
            boolean exactlyCode = responseTypes != null && responseTypes.isArray() && responseTypes.size() == 1
                    && "code".equals(responseTypes.get(0).textValue());
            if (!exactlyCode) {
                found.add(Violation.error(FieldPointer.of(MetadataMember.RESPONSE_TYPES.jsonName()),
                        RegistrationErrorCode.INVALID_CLIENT_METADATA, "response_types must be [\"code\"] with authorization_code"));
            }
        } else if (grants.contains("client_credentials")) {
            if (metadata.get(MetadataMember.REDIRECT_URIS.jsonName()).isPresent()) {
                found.add(Violation.error(FieldPointer.of(MetadataMember.REDIRECT_URIS.jsonName()),
                        RegistrationErrorCode.INVALID_REDIRECT_URI, "redirect_uris must be absent with client_credentials"));
            }
            if (responseTypes != null) {
                found.add(Violation.error(FieldPointer.of(MetadataMember.RESPONSE_TYPES.jsonName()),
                        RegistrationErrorCode.INVALID_CLIENT_METADATA, "response_types must be absent with client_credentials"));
            }
        }
        return found;
    }
}
