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
 * Policy section 2: the seven members the requirements name are present and not empty, on every path. Empty
 * entries of the two arrays are reported here too, so that the syntax rules need not.
 */
public final class RequiredMembersArePresent implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            if (!member.required()) {
                continue;
            }
            RegistrationErrorCode code = RegistrationErrorCode.forMember(member);
            String pointer = FieldPointer.of(member.jsonName());
            JsonNode value = metadata.get(member.jsonName()).orElse(null);
            if (value == null) {
                found.add(Violation.error(pointer, code, member.jsonName() + " is required"));
            } else if (value.isTextual() && value.textValue().isEmpty()) {
                found.add(Violation.error(pointer, code, member.jsonName() + " must not be empty"));
            } else if (value.isArray() && value.isEmpty()) {
                found.add(Violation.error(pointer, code, member.jsonName() + " must list at least one entry"));
            } else if (value.isArray()) {
                metadata.entries(member).stream()
                        .filter(e -> e.value().isEmpty())
                        .forEach(e -> found.add(Violation.error(e.pointer(), code, e.pointer().substring(1) + " must not be empty")));
            }
        }
        return found;
    }
}
