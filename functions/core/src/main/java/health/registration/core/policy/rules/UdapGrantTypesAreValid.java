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
 * UDAP IG STU2 §3.1 (grant_types) with policy section 4's B2B exception: grant_types is present and holds
 * authorization_code or client_credentials, not both; refresh_token only with authorization_code; nothing else; and
 * only grant types this server's discovery document advertises in grant_types_supported (IG STU2 §2.2, carried by
 * {@link PolicyContext#udapGrantTypesSupported()}). (An empty array is a cancellation, which never reaches the policy.)
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UdapGrantTypesAreValid implements Rule {

    private static final Set<String> KNOWN = Set.of("authorization_code", "refresh_token", "client_credentials");
    private static final String POINTER = FieldPointer.of(MetadataMember.GRANT_TYPES.jsonName());

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        if (metadata.get(MetadataMember.GRANT_TYPES.jsonName()).filter(v -> v.isArray()).isEmpty()) {
            return List.of(problem(POINTER, "grant_types is required: authorization_code or client_credentials"));
        }
        List<Violation> found = new ArrayList<>();
        for (ClientMetadata.Entry entry : metadata.entries(MetadataMember.GRANT_TYPES)) {
            if (!KNOWN.contains(entry.value())) {
                found.add(problem(entry.pointer(), entry.pointer().substring(1)
                        + " must be authorization_code, refresh_token or client_credentials"));
            } else if (!context.udapGrantTypesSupported().contains(entry.value())) {
                found.add(problem(entry.pointer(), entry.pointer().substring(1) + " is " + entry.value()
                        + ", which this server does not offer; its UDAP metadata lists the grant_types_supported"));
            }
        }
        List<String> grants = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, List.of());
        boolean code = grants.contains("authorization_code");
        boolean credentials = grants.contains("client_credentials");
        if (code == credentials) {
            found.add(problem(POINTER, "grant_types must include either authorization_code or client_credentials, not both"));
        }
        if (grants.contains("refresh_token") && !code) {
            found.add(problem(POINTER, "grant_types may include refresh_token only together with authorization_code"));
        }
        return found;
    }

    private static Violation problem(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
