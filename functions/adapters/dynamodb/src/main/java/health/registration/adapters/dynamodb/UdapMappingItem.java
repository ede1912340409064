package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item that maps a UDAP registration's (trust community, {@code iss}) to its client id (IG STU2 §3.4: one
 * registration per community and issuer). Its key is {@code UDAP#<community>#<base64url(SHA-256(iss))>}: the digest
 * has a fixed length without {@code #}, so the key parses one way even when the community URI holds a {@code #}. It
 * carries neither {@code status} nor {@code nextCheckAt}, so the status index never holds it.
 */
final class UdapMappingItem {

    static final String KEY_PREFIX = "UDAP#";

    private UdapMappingItem() {}

    static Map<String, AttributeValue> key(String community, String issuer) {
        return Map.of(ClientsTable.KEY, textValue(KEY_PREFIX + community + "#" + KeyDigest.of(issuer)));
    }

    static Map<String, AttributeValue> key(CertificateBinding binding) {
        return key(binding.community(), binding.issuer());
    }

    static Map<String, AttributeValue> write(CertificateBinding binding, ClientId clientId) {
        Map<String, AttributeValue> item = new HashMap<>(key(binding));
        item.put(ClientItem.CLIENT_ID, textValue(clientId.value()));
        return item;
    }

    /** The client id a mapping holds; {@link IllegalArgumentException} naming the attribute when it holds none. */
    static ClientId clientId(Map<String, AttributeValue> item) {
        return new ClientId(new StoredItem(item).text(ClientItem.CLIENT_ID));
    }
}
