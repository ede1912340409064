package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of the clients table at one moment, read from moto by a scan ({@link EmulatorRecords#items()}) and keyed
 * by partition key: client records ({@code CLIENT#}), UDAP (community, iss) mappings ({@code UDAP#}) and jti uses
 * ({@code JTI#}), among others. Comparing two snapshots proves a request stored, changed and removed nothing.
 */
record TableSnapshot(Map<String, Map<String, AttributeValue>> itemsByKey) {

    static final String CLIENT = EmulatorRecords.CLIENT_KEY_PREFIX;
    static final String UDAP_MAPPING = "UDAP#";
    static final String JTI = "JTI#";

    static TableSnapshot of(EmulatorRecords records) {
        Map<String, Map<String, AttributeValue>> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : records.items()) {
            byKey.put(item.get(EmulatorRecords.KEY).s(), item);
        }
        return new TableSnapshot(Map.copyOf(byKey));
    }

    /** Items whose partition key starts with the prefix. */
    long count(String prefix) {
        return itemsByKey.keySet().stream().filter(key -> key.startsWith(prefix)).count();
    }

    /** Fails unless the table holds exactly what it held before: no new, changed or removed item. */
    void assertUnchangedSince(TableSnapshot before, String request) {
        for (String prefix : new String[] {CLIENT, UDAP_MAPPING, JTI}) {
            assertThat(count(prefix)).as("%s items after %s", prefix, request).isEqualTo(before.count(prefix));
        }
        assertThat(itemsByKey).as("every item of the table after %s", request).isEqualTo(before.itemsByKey());
    }
}
