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
import java.util.Set;

/**
 * Policy sections 1 and 4, manual path: authorization_code (optionally with refresh_token) and client_credentials,
 * which only this path and UDAP accept; never implicit or password (RFC 9700).
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ManualGrantTypesArePermitted implements Rule {

    private static final Set<String> PERMITTED = Set.of("authorization_code", "refresh_token", "client_credentials");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (ClientMetadata.Entry entry : metadata.entries(MetadataMember.GRANT_TYPES)) {
            if (!PERMITTED.contains(entry.value())) {
                found.add(problem(entry.pointer(), entry.pointer().substring(1)
                        + " must be authorization_code, refresh_token or client_credentials"));
            }
        }
        List<String> grants = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES);
        if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
            found.add(problem(FieldPointer.of(MetadataMember.GRANT_TYPES.jsonName()),
                    "grant_types may include refresh_token only together with authorization_code"));
        }
        if (metadata.get(MetadataMember.GRANT_TYPES.jsonName()).filter(v -> v.isArray() && v.isEmpty()).isPresent()) {
            found.add(problem(FieldPointer.of(MetadataMember.GRANT_TYPES.jsonName()),
                    "grant_types must list authorization_code or client_credentials, or be left out"));
        }
        return found;
    }

    private static Violation problem(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
