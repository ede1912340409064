package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy section 9 and RFC 7517 §4.5: the keys of jwks have distinct {@code kid}s, so that a verifier choosing a key
 * by the {@code kid} of a JWS header finds one key, not the first of several.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class JwksKeyIdsAreDistinct implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (JwksEntries.Entry entry : JwksEntries.of(metadata)) {
            JsonNode kid = entry.json().path("kid");
            if (!kid.isTextual()) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(kid.textValue(), entry.index());
            if (first != null) {
                found.add(Violation.error(entry.pointer("kid"), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        entry.pointer().substring(1) + " repeats the kid of jwks/keys/" + first + "; each key needs its own kid"));
            }
        }
        return found;
    }
}
