package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A use of a software statement's {@code jti} by an {@code iss}, kept until the statement expires (IG STU2 §7.1.4).
 * Its key is {@code JTI#<base64url(SHA-256(iss))>#<base64url(SHA-256(jti))>}, so neither caller-chosen value is
 * stored or can stretch the key. {@code expiresAt} is the table's time-to-live ({@link TimeToLive}). It carries
 * neither {@code status} nor {@code nextCheckAt}, so the status index never holds it.
 */
final class JtiItem {

    static final String KEY_PREFIX = "JTI#";

    private JtiItem() {}

    static Map<String, AttributeValue> key(String issuer, String jti) {
        return Map.of(ClientsTable.KEY, textValue(KEY_PREFIX + KeyDigest.of(issuer) + "#" + KeyDigest.of(jti)));
    }

    static Map<String, AttributeValue> write(String issuer, String jti, Instant expiresAt) {
        return Map.of(ClientsTable.KEY, key(issuer, jti).get(ClientsTable.KEY),
                ClientsTable.EXPIRES_AT, numberValue(TimeToLive.epochSecondsRoundedUp(expiresAt)));
    }
}
