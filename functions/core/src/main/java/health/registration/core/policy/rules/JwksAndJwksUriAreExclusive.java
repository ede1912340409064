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
 * RFC 7591 §2 and policy section 9: the jwks_uri and jwks parameters MUST NOT both be present in the same request.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class JwksAndJwksUriAreExclusive implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        if (metadata.get(MetadataMember.JWKS.jsonName()).isEmpty() || metadata.get(MetadataMember.JWKS_URI.jsonName()).isEmpty()) {
            return List.of();
        }
        return List.of(Violation.error(FieldPointer.of(MetadataMember.JWKS.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                "jwks must not be sent together with jwks_uri (RFC 7591 section 2); send the keys in one of them"));
    }
}
