package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;

/** The valid fixture with a jwks (or jwks_uri) member written as a table row writes it, keys as placeholders. */
final class JwksRows {

    private JwksRows() {}

    static ClientMetadata with(String member, String jsonValue) {
        ObjectNode json = ValidMetadata.json();
        return ClientMetadata.of(ValidMetadata.set(json, member, TestJwks.expand(jsonValue)));
    }
}
