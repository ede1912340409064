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
import java.util.Set;

/**
 * Policy section 4 with the manual path's relaxations: client_secret_basic (the default) or client_secret_post;
 * {@code none} for native public clients of the authorization code flow; private_key_jwt with exactly one of jwks
 * and jwks_uri (RFC 7591 §2). The client_credentials grant takes client_secret_basic or private_key_jwt only.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ManualClientAuthenticationIsPermitted implements Rule {

    private static final Set<String> PERMITTED = Set.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
    private static final String METHOD = FieldPointer.of(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName());
    private static final String JWKS = MetadataMember.JWKS.jsonName();
    private static final String JWKS_URI = MetadataMember.JWKS_URI.jsonName();

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        String method = metadata.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD).orElse(ClientMetadata.DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD);
        if (!PERMITTED.contains(method)) {
            return List.of(problem(METHOD, "token_endpoint_auth_method must be client_secret_basic, client_secret_post,"
                    + " private_key_jwt or none"));
        }
        List<Violation> found = new ArrayList<>();
        boolean clientCredentials = metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES)
                .contains("client_credentials");
        if (clientCredentials && !method.equals("client_secret_basic") && !method.equals("private_key_jwt")) {
            found.add(problem(METHOD, "the client_credentials grant needs token_endpoint_auth_method client_secret_basic"
                    + " or private_key_jwt"));
        }
        boolean jwks = metadata.get(JWKS).isPresent();
        boolean jwksUri = metadata.get(JWKS_URI).isPresent();
        if (method.equals("private_key_jwt") && jwks == jwksUri) {
            found.add(problem(METHOD, "token_endpoint_auth_method private_key_jwt needs the client's public keys in exactly one"
                    + " of jwks and jwks_uri"));
        }
        if (!method.equals("private_key_jwt") && (jwks || jwksUri)) {
            found.add(problem(FieldPointer.of(jwks ? JWKS : JWKS_URI),
                    (jwks ? JWKS : JWKS_URI) + " is accepted only with token_endpoint_auth_method private_key_jwt"));
        }
        return found;
    }

    private static Violation problem(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
