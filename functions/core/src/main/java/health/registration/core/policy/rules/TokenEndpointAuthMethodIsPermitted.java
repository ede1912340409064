package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Set;

/**
 * Policy section 4, plain registration: client_secret_basic (the default) or client_secret_post. Public clients
 * ({@code none}) are native apps, which the requirements send to manual registration; private_key_jwt belongs
 * to UDAP registration.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class TokenEndpointAuthMethodIsPermitted implements Rule {

    private static final Set<String> PERMITTED = Set.of("client_secret_basic", "client_secret_post");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        String method = metadata.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD).orElse(null);
        if (method == null || PERMITTED.contains(method)) {
            return List.of();
        }
        String description = switch (method) {
            case "none" -> "token_endpoint_auth_method none (a public client) is not available through dynamic"
                    + " registration; register the app manually at " + context.manualRegistrationUrl();
            case "private_key_jwt" -> "token_endpoint_auth_method private_key_jwt is available only through UDAP"
                    + " dynamic registration with a client certificate";
            default -> "token_endpoint_auth_method must be client_secret_basic or client_secret_post";
        };
        return List.of(Violation.error(FieldPointer.of(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName()),
                RegistrationErrorCode.INVALID_CLIENT_METADATA, description));
    }
}
