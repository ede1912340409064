package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Policy section 9 and RFC 7591 §2: scope is a list of RFC 6749 §3.3 scope tokens ({@code %x21 / %x23-5B / %x5D-7E})
 * separated by single spaces; at most 100 tokens and 2,048 characters, so that what the authorization server later
 * reads is bounded.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ScopeIsScopeTokens implements Rule {

    static final int MAX_TOKENS = 100;
    static final int MAX_LENGTH = 2048;
    private static final Pattern TOKENS = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    private static final String SCOPE = MetadataMember.SCOPE.jsonName();

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        String scope = metadata.text(MetadataMember.SCOPE).orElse(null);
        // An empty scope asks for none; the UDAP path's own rule requires one there.
        if (scope == null || scope.isEmpty()) {
            return List.of();
        }
        if (scope.length() > MAX_LENGTH || scope.chars().filter(c -> c == ' ').count() >= MAX_TOKENS) {
            return refuse(SCOPE + " must have at most " + MAX_TOKENS + " scope tokens and " + MAX_LENGTH + " characters");
        }
        if (!TOKENS.matcher(scope).matches()) {
            return refuse(SCOPE + " must be scope tokens separated by single spaces: printable ASCII without"
                    + " quotation marks or backslashes (RFC 6749 section 3.3)");
        }
        return List.of();
    }

    private static List<Violation> refuse(String description) {
        return List.of(Violation.error(FieldPointer.of(SCOPE), RegistrationErrorCode.INVALID_CLIENT_METADATA, description));
    }
}
