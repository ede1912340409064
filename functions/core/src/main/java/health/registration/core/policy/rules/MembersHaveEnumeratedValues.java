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
import java.util.TreeSet;

/**
 * Policy section 9: a member of enumerated values ({@code application_type}, {@code subject_type}, the signing
 * algorithms of OpenID Connect Registration §2) holds one of the values the member table lists for it.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class MembersHaveEnumeratedValues implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            if (member.check().kind() != MetadataMember.CheckKind.ENUMERATED) {
                continue;
            }
            metadata.text(member).filter(value -> !member.check().allowed().contains(value)).ifPresent(value ->
                    found.add(Violation.error(FieldPointer.of(member.jsonName()), RegistrationErrorCode.forMember(member),
                            member.jsonName() + " must be one of " + String.join(", ", new TreeSet<>(member.check().allowed())))));
        }
        return found;
    }
}
