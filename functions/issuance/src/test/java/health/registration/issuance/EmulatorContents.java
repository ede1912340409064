package health.registration.issuance;

import health.registration.core.issue.ClientStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * What the emulator holds for one test, read with the SDK directly (not through the adapters under test): client
 * records in the table, and secrets under the test's name prefix.
 */
final class EmulatorContents {

    private final DynamoDbClient dynamo;
    private final String table;
    private final SecretsManagerClient secrets;
    private final String prefix;

    EmulatorContents(DynamoDbClient dynamo, String table, SecretsManagerClient secrets, String prefix) {
        this.dynamo = dynamo;
        this.table = table;
        this.secrets = secrets;
        this.prefix = prefix;
    }

    /** Client ids of the records with a status. */
    Set<String> clientsWithStatus(ClientStatus status) {
        return clientRecords().stream()
                .filter(item -> status.code().equals(item.get("status").s()))
                .map(item -> item.get("clientId").s())
                .collect(Collectors.toSet());
    }

    /** Secrets not scheduled for deletion whose client is not active: stored, yet nobody may use them. */
    Set<String> orphanedSecrets() {
        Set<String> active = clientsWithStatus(ClientStatus.ACTIVE);
        return liveSecretClientIds().stream().filter(id -> !active.contains(id)).collect(Collectors.toSet());
    }

    /** Active clients with no live secret under their name. */
    Set<String> activeClientsWithoutSecret() {
        Set<String> withSecret = liveSecretClientIds();
        return clientsWithStatus(ClientStatus.ACTIVE).stream().filter(id -> !withSecret.contains(id)).collect(Collectors.toSet());
    }

    void deleteSecrets() {
        secretsUnderPrefix(true).forEach(s -> secrets.deleteSecret(r -> r.secretId(s.arn()).forceDeleteWithoutRecovery(true)));
    }

    private List<Map<String, AttributeValue>> clientRecords() {
        return dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("CLIENT#"))
                .toList();
    }

    private Set<String> liveSecretClientIds() {
        return secretsUnderPrefix(false).stream()
                .filter(s -> s.deletedDate() == null)
                .map(s -> s.name().substring(prefix.length()))
                .collect(Collectors.toSet());
    }

    private List<SecretListEntry> secretsUnderPrefix(boolean includePlannedDeletion) {
        return secrets.listSecretsPaginator(r -> r.includePlannedDeletion(includePlannedDeletion)
                        .filters(f -> f.key(FilterNameStringType.NAME).values(prefix)))
                .stream().flatMap(page -> page.secretList().stream()).toList();
    }
}
