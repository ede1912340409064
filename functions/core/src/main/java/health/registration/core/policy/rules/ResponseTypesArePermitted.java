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
 * Policy section 4: response_types holds only {@code code} (the authorization code flow); it defaults to it.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ResponseTypesArePermitted implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        metadata.get(MetadataMember.RESPONSE_TYPES.jsonName())
                .filter(value -> value.isArray() && value.isEmpty())
                .ifPresent(empty -> found.add(Violation.error(FieldPointer.of(MetadataMember.RESPONSE_TYPES.jsonName()),
                        RegistrationErrorCode.INVALID_CLIENT_METADATA, "response_types must list code, or be left out")));
        for (ClientMetadata.Entry entry : metadata.entries(MetadataMember.RESPONSE_TYPES)) {
            if (!entry.value().equals("code")) {
                found.add(Violation.error(entry.pointer(), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        entry.pointer().substring(1) + " must be code: only the authorization code flow is supported"));
            }
        }
        return found;
    }
}
