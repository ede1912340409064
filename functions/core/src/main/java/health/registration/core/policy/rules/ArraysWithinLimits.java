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
import java.util.Map;

/**
 * Policy section 8: at most 20 redirect_uris and 10 contacts (and 10 grant or response types); for the members of
 * section 9, at most 20 post_logout_redirect_uris and 10 request_uris (and 10 UDAP certifications). More is refused
 * as malformed before anything is probed, so every array member is bounded.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ArraysWithinLimits implements Rule {

    /** The limits, by member. */
    public static final Map<MetadataMember, Integer> LIMITS = Map.of(
            MetadataMember.REDIRECT_URIS, 20,
            MetadataMember.CONTACTS, 10,
            MetadataMember.GRANT_TYPES, 10,
            MetadataMember.RESPONSE_TYPES, 10,
            MetadataMember.REQUEST_URIS, 10,
            MetadataMember.POST_LOGOUT_REDIRECT_URIS, 20,
            MetadataMember.CERTIFICATIONS, 10);

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (MetadataMember member : MetadataMember.values()) {
            Integer limit = LIMITS.get(member);
            JsonNode value = metadata.get(member.jsonName()).orElse(null);
            if (limit != null && value != null && value.isArray() && value.size() > limit) {
                found.add(Violation.malformed(FieldPointer.of(member.jsonName()), RegistrationErrorCode.forMember(member),
                        member.jsonName() + " has " + value.size() + " entries; at most " + limit + " are allowed"));
            }
        }
        return found;
    }
}
