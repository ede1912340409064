package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each array member lists a value once: a repeated redirect URI or contact is a mistake worth telling. */
public final class ArrayEntriesAreUnique implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            if (member.kind() != MetadataMember.JsonKind.STRING_ARRAY) {
                continue;
            }
            Map<String, Integer> firstIndex = new HashMap<>();
            for (ClientMetadata.Entry entry : metadata.entries(member)) {
                Integer first = firstIndex.putIfAbsent(entry.value(), entry.index());
                if (first != null) {
                    found.add(Violation.error(entry.pointer(), RegistrationErrorCode.forMember(member),
                            entry.pointer().substring(1) + " repeats " + member.jsonName() + "/" + first + "; list each value once"));
                }
            }
        }
        return found;
    }
}
