package health.registration.adapters.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The keys a test's table holds, read whole: a test's tables are small, so one scan page is all of it. */
final class TableKeys {

    private TableKeys() {}

    /** The key of every item in the table. */
    static List<String> all(DynamoDbClient dynamo, String table) {
        return dynamo.scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(item -> item.get(ClientsTable.KEY).s()).toList();
    }

    /** The key of every item in the table's status index. */
    static List<String> inStatusIndex(DynamoDbClient dynamo, String table) {
        return dynamo.scan(r -> r.tableName(table).indexName(ClientsTable.STATUS_INDEX)).items().stream()
                .map(item -> item.get(ClientsTable.KEY).s()).toList();
    }
}
