package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import health.registration.template.TemplateYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of a SAM template, found as {@code sam local start-api} finds them: every {@code Type: Api} event of
 * every {@code AWS::Serverless::Function}, so a new route needs only a template edit. Also gives other resources and
 * the functions' environment variables to {@link TemplateTables}. Read by {@link TemplateYaml}, which the test kit
 * reads the template with too: a tag such as {@code !Ref} reads as the value it wraps, as plain text.
 */
public final class SamTemplate {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    static final String API_EVENT_TYPE = "Api";
    static final String API_TYPE = "AWS::Serverless::Api";
    static final int DEFAULT_TIMEOUT_SECONDS = 3;
    static final int DEFAULT_MEMORY_MB = 128;

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    public static SamTemplate read(Path template) throws IOException {
        return new SamTemplate(TemplateYaml.read(template));
    }

    /** Every API route, in template order. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        resources(FUNCTION_TYPE).forEach((logicalId, properties) -> routes.addAll(routesOf(logicalId, properties)));
        return routes;
    }

    /**
     * The {@code GatewayResponses} of the template's first {@code AWS::Serverless::Api} (the API its routes name), or a
     * missing node when it has none.
     */
    public JsonNode gatewayResponses() {
        return resources(API_TYPE).values().stream().findFirst()
                .map(api -> api.path("GatewayResponses")).orElse(MissingNode.getInstance());
    }

    /** The {@code Properties} of every resource of {@code type}, by logical id, in template order. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            if (type.equals(resource.getValue().path("Type").asText())) {
                resources.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        }
        return resources;
    }

    /**
     * Every entry of {@code Environment.Variables} in {@code Globals.Function} and in each function, as the YAML
     * reader gives it: a tagged value such as {@code !Ref ClientsTable} reads as the text {@code ClientsTable}.
     */
    public List<Map.Entry<String, JsonNode>> environmentVariables() {
        List<JsonNode> scopes = new ArrayList<>(List.of(root.path("Globals").path("Function")));
        scopes.addAll(resources(FUNCTION_TYPE).values());
        List<Map.Entry<String, JsonNode>> variables = new ArrayList<>();
        for (JsonNode scope : scopes) {
            variables.addAll(scope.path("Environment").path("Variables").properties());
        }
        return variables;
    }

    private List<Route> routesOf(String logicalId, JsonNode properties) {
        List<Route> routes = new ArrayList<>();
        FunctionDefinition function = null;
        for (JsonNode event : properties.path("Events")) {
            if (!API_EVENT_TYPE.equals(event.path("Type").asText())) {
                continue;
            }
            function = function != null ? function : functionOf(logicalId, properties);
            JsonNode api = event.path("Properties");
            String path = required(api, "Path", logicalId);
            routes.add(new Route(required(api, "Method", logicalId), PathTemplate.parse(path), function));
        }
        return routes;
    }

    private FunctionDefinition functionOf(String logicalId, JsonNode properties) {
        return FunctionDefinition.of(logicalId, required(properties, "Handler", logicalId),
                number(properties, "Timeout", DEFAULT_TIMEOUT_SECONDS),
                number(properties, "MemorySize", DEFAULT_MEMORY_MB));
    }

    /** The function's own value, else the one in {@code Globals.Function}, else the default. */
    private int number(JsonNode properties, String name, int fallback) {
        JsonNode value = properties.has(name) ? properties.get(name) : root.path("Globals").path("Function").path(name);
        return value.canConvertToInt() ? value.asInt() : value.isTextual() ? parsed(value.asText(), fallback) : fallback;
    }

    /** A tagged value such as {@code !Ref Timeout} reads as the parameter's name, which is no number. */
    private static int parsed(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    private static String required(JsonNode node, String name, String logicalId) {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(logicalId + " needs a " + name + " for the local API");
        }
        return value.asText();
    }
}
