package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.EmailAddress;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.Parsed;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy section 6: every contact is an email address, bare or as a {@code mailto:} URI, whose domain is under a
 * public suffix (see {@link EmailAddress}).
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ContactIsEmailAddress implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (ClientMetadata.Entry entry : metadata.entries(MetadataMember.CONTACTS)) {
            if (entry.value().isEmpty()) {
                continue;
            }
            Parsed<EmailAddress> address = EmailAddress.parse(entry.value());
            if (!address.isOk()) {
                found.add(Violation.error(entry.pointer(), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        entry.pointer().substring(1) + " " + address.problem()));
            }
        }
        return found;
    }
}
