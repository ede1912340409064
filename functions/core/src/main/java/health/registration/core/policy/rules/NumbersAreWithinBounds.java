package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy section 9: an integer member ({@code default_max_age}, OpenID Connect Registration §2, in seconds) lies from
 * 0 to the bound the member table gives it. The value is compared as a big integer, so no number overflows first.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class NumbersAreWithinBounds implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            if (member.check().kind() != MetadataMember.CheckKind.BOUNDED_INTEGER) {
                continue;
            }
            JsonNode value = metadata.get(member.jsonName()).filter(JsonNode::isIntegralNumber).orElse(null);
            long max = member.check().max();
            if (value != null && (value.bigIntegerValue().signum() < 0 || value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0)) {
                found.add(Violation.error(FieldPointer.of(member.jsonName()), RegistrationErrorCode.forMember(member),
                        member.jsonName() + " must be an integer from 0 to " + max));
            }
        }
        return found;
    }
}
