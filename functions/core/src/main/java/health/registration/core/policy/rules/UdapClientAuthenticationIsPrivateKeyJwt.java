package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * UDAP IG STU2 §3.1 and policy section 4: token_endpoint_auth_method is present and is {@code private_key_jwt}
 * (UDAP JWT-based client authentication with the registered certificate).
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class UdapClientAuthenticationIsPrivateKeyJwt implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        if (metadata.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD).filter("private_key_jwt"::equals).isPresent()) {
            return List.of();
        }
        return List.of(Violation.error(FieldPointer.of(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName()),
                RegistrationErrorCode.INVALID_CLIENT_METADATA, "token_endpoint_auth_method must be private_key_jwt"));
    }
}
