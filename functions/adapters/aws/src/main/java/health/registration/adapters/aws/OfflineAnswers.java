package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What {@link OfflineHttpClient} answers, by operation: just enough of DynamoDB (items by their {@code pk}, every
 * condition met, queries empty), Secrets Manager (secrets by name), EventBridge (every event accepted) and Lambda
 * (an Invoke answered by a function of its payload) for a function's request paths to run to their end. Requests
 * arrive as the SDK marshalled them; answers are the services' JSON wire forms.
 */
final class OfflineAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";
    private static final String ARN_SUFFIX = "-OFFLINE";

    private final UnaryOperator<JsonNode> invoke;
    private final Map<String, JsonNode> items = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    OfflineAnswers(UnaryOperator<JsonNode> invoke) {
        this.invoke = invoke;
    }

    /**
     * @param target the {@code X-Amz-Target} header of the JSON protocols ({@code DynamoDB_20120810.GetItem}), empty
     *               for Lambda's REST protocol
     * @param path   the request path ({@code /2015-03-31/functions/NAME/invocations} for Invoke)
     */
    String answer(String target, String path, byte[] body) {
        JsonNode request = body.length == 0 ? NODES.objectNode() : read(body);
        int dot = target.indexOf('.');
        String service = dot < 0 ? "" : target.substring(0, dot);
        String operation = target.substring(dot + 1);
        JsonNode answer;
        if (service.startsWith("DynamoDB")) {
            answer = dynamoDb(operation, request);
        } else if (service.equals("secretsmanager")) {
            answer = secretsManager(operation, request);
        } else if (service.equals("AWSEvents")) {
            answer = eventBridge(request);
        } else if (path.endsWith("/invocations")) {
            answer = invoke.apply(request);
        } else {
            answer = NODES.objectNode();
        }
        return answer.toString();
    }

    private JsonNode dynamoDb(String operation, JsonNode request) {
        ObjectNode answer = NODES.objectNode();
        switch (operation) {
            case "PutItem" -> items.put(key(request.path("TableName"), request.path("Item")), request.get("Item"));
            case "GetItem" -> {
                JsonNode item = items.get(key(request.path("TableName"), request.path("Key")));
                if (item != null) {
                    answer.set("Item", item);
                }
            }
            case "DeleteItem" -> items.remove(key(request.path("TableName"), request.path("Key")));
            case "Query", "Scan" -> {
                answer.putArray("Items");
                answer.put("Count", 0).put("ScannedCount", 0);
            }
            default -> {
                // UpdateItem, TransactWriteItems and the rest: accepted, nothing returned.
            }
        }
        return answer;
    }

    /** Items are told apart by their table and {@code pk}, the key of the service's one table. */
    private static String key(JsonNode table, JsonNode item) {
        return table.asText() + "|" + item.path("pk").toString();
    }

    private JsonNode secretsManager(String operation, JsonNode request) {
        String name = request.path(request.has("Name") ? "Name" : "SecretId").asText();
        if (name.startsWith(ARN_PREFIX) && name.endsWith(ARN_SUFFIX)) {
            name = name.substring(ARN_PREFIX.length(), name.length() - ARN_SUFFIX.length());
        }
        ObjectNode answer = NODES.objectNode();
        answer.put("ARN", ARN_PREFIX + name + ARN_SUFFIX);
        answer.put("Name", name);
        switch (operation) {
            case "CreateSecret", "PutSecretValue" -> {
                secrets.put(name, request.path("SecretString").asText(""));
                answer.put("VersionId", "00000000-0000-0000-0000-000000000000");
            }
            case "GetSecretValue" -> {
                answer.put("SecretString", secrets.getOrDefault(name, ""));
                answer.put("VersionId", "00000000-0000-0000-0000-000000000000");
                answer.putArray("VersionStages").add("AWSCURRENT");
            }
            case "DeleteSecret" -> {
                secrets.remove(name);
                answer.put("DeletionDate", 0);
            }
            default -> {
                // DescribeSecret, TagResource and the rest: the name alone.
            }
        }
        return answer;
    }

    private static JsonNode eventBridge(JsonNode request) {
        ObjectNode answer = NODES.objectNode();
        answer.put("FailedEntryCount", 0);
        ArrayNode entries = answer.putArray("Entries");
        for (int i = 0; i < request.path("Entries").size(); i++) {
            entries.addObject().put("EventId", "offline-" + i);
        }
        return answer;
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
