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
 * Policy section 9: a text member ({@code software_id}, {@code software_version}) is not empty and has at most the
 * number of characters the member table gives it.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class TextIsWithinLength implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            if (member.check().kind() != MetadataMember.CheckKind.TEXT) {
                continue;
            }
            long max = member.check().max();
            metadata.text(member).filter(text -> text.isBlank() || text.codePointCount(0, text.length()) > max).ifPresent(text ->
                    found.add(Violation.error(FieldPointer.of(member.jsonName()), RegistrationErrorCode.forMember(member),
                            member.jsonName() + " must have 1 to " + max + " characters")));
        }
        return found;
    }
}
