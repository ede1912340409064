package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;

/**
 * The valid UDAP registration parameters every UDAP rule table starts from, one per grant (IG STU2 registration §3.1
 * with the vendor policy's section 2 members): client_credentials carries the seven members but redirect_uris, the
 * grant, {@code private_key_jwt}, a scope and a {@code mailto:} contact; authorization_code adds redirect_uris and
 * {@code response_types ["code"]}. Each row changes one member, written as JSON text (see {@link ValidMetadata}).
 */
public final class ValidUdapMetadata {

    /** Which fixture a row starts from. */
    public enum Grant {
        /** {@code grant_types ["client_credentials"]}, no redirect_uris or response_types (the B2B exception). */
        CC,
        /** {@code grant_types ["authorization_code"]} with redirect_uris and {@code response_types ["code"]}. */
        AC
    }

    private ValidUdapMetadata() {}

    /** A fresh copy of the fixture of one grant as JSON. */
    public static ObjectNode json(Grant grant) {
        ObjectNode json = ValidMetadata.json();
        json.remove("redirect_uris");
        json.putArray("contacts").add("mailto:dev@example.com");
        json.put("token_endpoint_auth_method", "private_key_jwt");
        json.put("scope", "system/Patient.rs system/Observation.rs");
        if (grant == Grant.CC) {
            json.putArray("grant_types").add("client_credentials");
        } else {
            json.putArray("redirect_uris").add("https://app.example.com/callback");
            json.putArray("grant_types").add("authorization_code");
            json.putArray("response_types").add("code");
            json.put("scope", "user/Patient.rs openid fhirUser");
        }
        return json;
    }

    public static ClientMetadata metadata(Grant grant) {
        return ClientMetadata.of(json(grant));
    }

    /** The grant's fixture with one member set to a JSON value; null removes it. */
    public static ClientMetadata with(Grant grant, String member, String jsonValue) {
        return ClientMetadata.of(ValidMetadata.set(json(grant), member, jsonValue));
    }
}
