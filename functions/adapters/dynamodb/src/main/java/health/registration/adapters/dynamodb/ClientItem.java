package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientsPerDomain;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.PreviousRegistrationToken;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.model.ClientMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A client record as a DynamoDB item, mapped by hand (no reflection, for cold starts). Instants are stored as epoch
 * milliseconds, so a finer instant comes back truncated to the millisecond; {@code secretExpiresAt} keeps its epoch
 * seconds. The metadata is kept as JSON text: it is read whole and never queried. A client has either a registration
 * access token hash ({@code tokenHash}) or a UDAP certificate binding (the four {@code udap*}/{@code certificate*}
 * attributes); only the one it has is written. The token an RFC 7592 read replaced, while it may still work, is
 * {@code previousTokenHash} with {@code previousTokenExpiresAt}; items without them have none. Its URL checks are
 * mapped by {@link UrlChecksAttributes}.
 */
final class ClientItem {

    static final String KEY_PREFIX = "CLIENT#";
    static final String CLIENT_ID = "clientId";
    static final String METADATA = "metadata";
    static final String SECRET_ARN = "secretArn";
    static final String TOKEN_HASH = "tokenHash";
    /** The replaced registration access token's hash; absent when there is none (and on items written before). */
    static final String PREVIOUS_TOKEN_HASH = "previousTokenHash";
    /** When the replaced token stops working, in epoch milliseconds; present exactly with its hash. */
    static final String PREVIOUS_TOKEN_EXPIRES_AT = "previousTokenExpiresAt";
    static final String ISSUED_AT = "issuedAt";
    static final String SECRET_EXPIRES_AT = "secretExpiresAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String VERSION = "version";
    /** How the client registered; absent on items written before the manual path existed (open or UDAP by binding). */
    static final String PATH = "path";
    static final String UDAP_ISSUER = "udapIssuer";
    static final String UDAP_COMMUNITY = "udapCommunity";
    static final String CERTIFICATE = "certificate";
    static final String CERTIFICATE_THUMBPRINT = ClientsTable.CERTIFICATE_THUMBPRINT;

    private ClientItem() {}

    static Map<String, AttributeValue> key(ClientId clientId) {
        return Map.of(ClientsTable.KEY, textValue(KEY_PREFIX + clientId.value()));
    }

    /** True for a client record; false for any other item of the table, such as an Idempotency-Key entry. */
    static boolean isClient(Map<String, AttributeValue> item) {
        AttributeValue key = item.get(ClientsTable.KEY);
        return key != null && key.s() != null && key.s().startsWith(KEY_PREFIX) && item.containsKey(CLIENT_ID);
    }

    static Map<String, AttributeValue> write(ClientRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.clientId()));
        item.put(CLIENT_ID, textValue(record.clientId().value()));
        item.put(ClientsTable.STATUS, textValue(record.status().code()));
        item.put(METADATA, textValue(record.metadata().toJson().toString()));
        item.put(CREATED_AT, numberValue(record.createdAt().toEpochMilli()));
        item.put(UPDATED_AT, numberValue(record.updatedAt().toEpochMilli()));
        item.put(VERSION, numberValue(record.version()));
        item.put(PATH, textValue(record.path().code()));
        ClientsPerDomain.countedDomain(record).ifPresent(domain -> item.put(ClientsTable.CLIENT_DOMAIN, textValue(domain)));
        writeCredentials(record.credentials(), item);
        UrlChecksAttributes.write(record.checks(), item);
        return item;
    }

    private static void writeCredentials(Credentials credentials, Map<String, AttributeValue> item) {
        if (credentials.secretArn() != null) {
            item.put(SECRET_ARN, textValue(credentials.secretArn()));
        }
        if (credentials.registrationTokenHash() != null) {
            item.put(TOKEN_HASH, textValue(credentials.registrationTokenHash()));
        }
        PreviousRegistrationToken previous = credentials.previousToken();
        if (previous != null) {
            item.put(PREVIOUS_TOKEN_HASH, textValue(previous.hash()));
            item.put(PREVIOUS_TOKEN_EXPIRES_AT, numberValue(previous.expiresAt().toEpochMilli()));
        }
        item.put(ISSUED_AT, numberValue(credentials.issuedAt().toEpochMilli()));
        item.put(SECRET_EXPIRES_AT, numberValue(credentials.secretExpiresAt()));
        CertificateBinding binding = credentials.certificate();
        if (binding != null) {
            item.put(UDAP_ISSUER, textValue(binding.issuer()));
            item.put(UDAP_COMMUNITY, textValue(binding.community()));
            item.put(CERTIFICATE, textValue(binding.certificate()));
            item.put(CERTIFICATE_THUMBPRINT, textValue(binding.thumbprint()));
        }
    }

    /** The record an item holds; {@link IllegalArgumentException} naming the attribute when it holds none. */
    static ClientRecord read(Map<String, AttributeValue> item) {
        StoredItem stored = new StoredItem(item);
        Credentials credentials = readCredentials(stored);
        String path = stored.optionalText(PATH);
        return new ClientRecord(new ClientId(stored.text(CLIENT_ID)),
                ClientStatus.ofCode(stored.text(ClientsTable.STATUS)),
                ClientMetadata.of(stored.jsonObject(METADATA)).registrable(),
                credentials,
                UrlChecksAttributes.read(stored),
                instant(stored.number(CREATED_AT)), instant(stored.number(UPDATED_AT)), stored.number(VERSION),
                path != null ? RegistrationPath.ofCode(path)
                        : credentials.certificate() != null ? RegistrationPath.UDAP : RegistrationPath.OPEN);
    }

    private static Credentials readCredentials(StoredItem stored) {
        CertificateBinding binding = stored.optionalText(UDAP_ISSUER) == null ? null
                : new CertificateBinding(stored.text(UDAP_ISSUER), stored.text(UDAP_COMMUNITY),
                        stored.text(CERTIFICATE), stored.text(CERTIFICATE_THUMBPRINT));
        // Without a binding the token hash is required, so a missing one is named as the attribute it is.
        String tokenHash = binding == null ? stored.text(TOKEN_HASH) : stored.optionalText(TOKEN_HASH);
        return new Credentials(stored.optionalText(SECRET_ARN), tokenHash, instant(stored.number(ISSUED_AT)),
                stored.number(SECRET_EXPIRES_AT), binding, readPreviousToken(stored));
    }

    private static PreviousRegistrationToken readPreviousToken(StoredItem stored) {
        String hash = stored.optionalText(PREVIOUS_TOKEN_HASH);
        return hash == null ? null : new PreviousRegistrationToken(hash, instant(stored.number(PREVIOUS_TOKEN_EXPIRES_AT)));
    }

    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
