package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a jwks member, for the jwks rules (policy section 9). The entries are handed out only when the set is
 * bounded (an object whose {@code keys} is an array of 1 to {@link #MAX_KEYS} entries), so no rule parses more than
 * that many keys; {@link JwksIsBoundedKeySet} reports every other shape.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
final class JwksEntries {

    static final int MAX_KEYS = 10;
    static final String JWKS = MetadataMember.JWKS.jsonName();
    static final String KEYS = "keys";

    /** One entry of the set: its index, its JSON, and its pointer ({@code /jwks/keys/2}). */
    record Entry(int index, JsonNode json) {

        String pointer() {
            return FieldPointer.of(JWKS) + "/" + KEYS + "/" + index;
        }

        /** The pointer to one of its members: {@code /jwks/keys/2/d}. */
        String pointer(String member) {
            return pointer() + "/" + member;
        }

        /** The entry as a JSON Web Key, when it is an object the JOSE library reads as one. */
        Optional<JWK> key() {
            if (!json.isObject()) {
                return Optional.empty();
            }
            try {
                return Optional.of(JWK.parse(json.toString()));
            } catch (ParseException | RuntimeException notAKey) {
                // Nimbus reports some bad keys (a point off its curve, an x5c that does not match) as runtime
                // exceptions; whatever the library refuses is no key, never a 5xx.
                return Optional.empty();
            }
        }
    }

    private JwksEntries() {}

    /** The keys array of the jwks member, whatever its length; empty when jwks is absent or has no keys array. */
    static Optional<JsonNode> keysArray(ClientMetadata metadata) {
        return metadata.get(JWKS).filter(JsonNode::isObject).map(jwks -> jwks.get(KEYS)).filter(JsonNode::isArray);
    }

    /** The entries, when the set is bounded; else none. */
    static List<Entry> of(ClientMetadata metadata) {
        JsonNode keys = keysArray(metadata).orElse(null);
        if (keys == null || keys.isEmpty() || keys.size() > MAX_KEYS) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(new Entry(i, keys.get(i)));
        }
        return entries;
    }
}
