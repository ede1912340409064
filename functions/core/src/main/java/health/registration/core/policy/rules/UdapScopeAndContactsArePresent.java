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
import java.util.Locale;

/**
 * UDAP IG STU2 §3.1: {@code scope} is present (a space-delimited string), and contacts include at least one email
 * address in {@code mailto:} form.
 */
public final class UdapScopeAndContactsArePresent implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        if (metadata.text(MetadataMember.SCOPE).filter(scope -> !scope.isBlank()).isEmpty()) {
            found.add(Violation.error(FieldPointer.of(MetadataMember.SCOPE.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "scope is required: the space-delimited scopes the client asks for"));
        }
        boolean mailto = metadata.entries(MetadataMember.CONTACTS).stream()
                .anyMatch(e -> e.value().toLowerCase(Locale.ROOT).startsWith("mailto:"));
        if (!metadata.entries(MetadataMember.CONTACTS).isEmpty() && !mailto) {
            found.add(Violation.error(FieldPointer.of(MetadataMember.CONTACTS.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "contacts must include at least one email address written as a mailto: URI"));
        }
        return found;
    }
}
