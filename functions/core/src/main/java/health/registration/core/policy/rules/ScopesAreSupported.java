package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.ScopeGrant;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * UDAP IG STU2 general §7.3, on every path: the server grants the requested scopes it supports
 * ({@code SCOPES_SUPPORTED}) and refuses with invalid_client_metadata a request for a wildcard scope it does not
 * support or for no supported scope at all. Each other scope that would be dropped is a warning; the registered
 * {@code scope} is what is granted ({@code SupportedScopes#narrow}). Descriptions name a token by its position and
 * its SMART form rebuilt from its parts, never the text as sent.
 */
public final class ScopesAreSupported implements Rule {

    private static final String SCOPE = FieldPointer.of(MetadataMember.SCOPE.jsonName());
    private static final Rule TOKENS = new ScopeIsScopeTokens();

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        String scope = metadata.text(MetadataMember.SCOPE).orElse("");
        // Only scope tokens are compared; ScopeIsScopeTokens reports the rest.
        if (scope.isEmpty() || !TOKENS.check(metadata, context).isEmpty()) {
            return List.of();
        }
        ScopeGrant grant = context.supportedScopes().grant(scope);
        List<Violation> found = new ArrayList<>();
        for (ScopeGrant.Refused refused : grant.refused()) {
            if (refused.wildcard()) {
                found.add(Violation.error(SCOPE, RegistrationErrorCode.INVALID_CLIENT_METADATA, refused.describe()
                        + " is a wildcard scope this server does not support; ask for the resource types you need"
                        + " (UDAP IG general section 7.3)"));
            } else if (!grant.noneGranted()) {
                found.add(Violation.warning(SCOPE, RegistrationErrorCode.INVALID_CLIENT_METADATA, refused.describe()
                        + " is not supported and would not be granted: the registered scope holds only the supported"
                        + " scopes (UDAP IG general section 7.3)"));
            }
        }
        if (grant.noneGranted()) {
            found.add(Violation.error(SCOPE, RegistrationErrorCode.INVALID_CLIENT_METADATA, "scope asks for no scope this"
                    + " server supports; it supports " + String.join(" ", context.supportedScopes().tokens())
                    + " (UDAP IG general section 7.3)"));
        }
        return found;
    }
}
