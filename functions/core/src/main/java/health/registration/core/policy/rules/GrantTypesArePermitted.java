package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Policy section 4, open path: only authorization_code, optionally with refresh_token. The requirements send
 * client_credentials apps to manual registration or to a UDAP client certificate.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class GrantTypesArePermitted implements Rule {

    private static final Set<String> PERMITTED = Set.of("authorization_code", "refresh_token");
    // RFC 9700 §2.1.2 and §2.4: the implicit and password grants must not be used.
    private static final Set<String> FORBIDDEN_BY_BCP = Set.of("implicit", "password");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (ClientMetadata.Entry entry : metadata.entries(MetadataMember.GRANT_TYPES)) {
            String name = entry.pointer().substring(1);
            String grant = entry.value();
            if (PERMITTED.contains(grant)) {
                continue;
            }
            String description;
            if (grant.equals("client_credentials")) {
                description = name + ": the client_credentials grant is not available through open dynamic registration;"
                        + " register the app manually at " + context.manualRegistrationUrl()
                        + ", or obtain a UDAP client certificate and register through UDAP dynamic registration";
            } else if (FORBIDDEN_BY_BCP.contains(grant)) {
                description = name + ": the " + grant + " grant is not supported (RFC 9700); use authorization_code";
            } else {
                description = name + " names a grant type this service does not support; use authorization_code,"
                        + " optionally with refresh_token";
            }
            found.add(Violation.error(entry.pointer(), RegistrationErrorCode.INVALID_CLIENT_METADATA, description));
        }
        return found;
    }
}
