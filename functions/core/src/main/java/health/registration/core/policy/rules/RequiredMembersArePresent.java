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
 * entries of the two arrays are reported here too, so that the syntax rules need not. On the UDAP path
 * ({@link #withRedirectUrisOnlyForAuthorizationCode()}) redirect_uris is required only with the authorization_code
 * grant: the IG forbids it for client_credentials (policy section 4, the B2B exception).
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class RequiredMembersArePresent implements Rule {

    private final boolean redirectUrisOnlyForAuthorizationCode;

    /** Every path but UDAP: all seven members. */
    public RequiredMembersArePresent() {
        this(false);
    }

    private RequiredMembersArePresent(boolean redirectUrisOnlyForAuthorizationCode) {
        this.redirectUrisOnlyForAuthorizationCode = redirectUrisOnlyForAuthorizationCode;
    }

    /** UDAP: redirect_uris only when grant_types includes authorization_code (IG STU2 §3.1). */
    public static RequiredMembersArePresent withRedirectUrisOnlyForAuthorizationCode() {
        return new RequiredMembersArePresent(true);
    }

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        boolean redirectUrisRequired = !redirectUrisOnlyForAuthorizationCode
                || metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, List.of()).contains("authorization_code");
        for (MetadataMember member : MetadataMember.values()) {
            if (!member.required() || member == MetadataMember.REDIRECT_URIS && !redirectUrisRequired) {
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
