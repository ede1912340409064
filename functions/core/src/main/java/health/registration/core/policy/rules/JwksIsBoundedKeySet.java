package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Policy section 9 and RFC 7517 §5: jwks is a JWK Set, an object whose {@code keys} holds 1 to 10 JSON Web Keys of
 * type RSA or EC (symmetric keys are refused by {@link JwksHoldsOnlyPublicKeys}). The number of keys is checked
 * before any key is parsed.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class JwksIsBoundedKeySet implements Rule {

    private static final Set<String> KEY_TYPES = Set.of("RSA", "EC", "oct");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        JsonNode jwks = metadata.get(JwksEntries.JWKS).filter(JsonNode::isObject).orElse(null);
        if (jwks == null) {
            return List.of();
        }
        JsonNode keys = JwksEntries.keysArray(metadata).orElse(null);
        if (keys == null) {
            return refuse(FieldPointer.of(JwksEntries.JWKS), "jwks must be a JWK Set: an object whose keys member is an array"
                    + " (RFC 7517 section 5)");
        }
        if (keys.isEmpty() || keys.size() > JwksEntries.MAX_KEYS) {
            return refuse(FieldPointer.of(JwksEntries.JWKS) + "/" + JwksEntries.KEYS,
                    "jwks/keys must hold 1 to " + JwksEntries.MAX_KEYS + " keys");
        }
        List<Violation> found = new ArrayList<>();
        for (JwksEntries.Entry entry : JwksEntries.of(metadata)) {
            String type = entry.json().path("kty").asText("");
            if (entry.json().isObject() && !KEY_TYPES.contains(type)) {
                found.addAll(refuse(entry.pointer("kty"), entry.pointer().substring(1) + " must be a key of type RSA or EC"));
            } else if (!type.equals("oct") && entry.key().isEmpty()) {
                found.addAll(refuse(entry.pointer(), entry.pointer().substring(1) + " is not a JSON Web Key (RFC 7517 section 4)"));
            }
        }
        return found;
    }

    private static List<Violation> refuse(String pointer, String description) {
        return List.of(Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description));
    }
}
