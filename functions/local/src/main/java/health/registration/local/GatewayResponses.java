package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of {@link GatewayResponse} as the template's {@code GatewayResponses} customise them, so the local API
 * answers an unknown route, an oversized request and a failed handler as the deployed API does. A type's own
 * customisation wins over {@code DEFAULT_4XX}/{@code DEFAULT_5XX}; its {@code StatusCode} replaces the stock status,
 * its {@code application/json} template the stock body (served as written: the templates the local API uses carry no
 * {@code $context} variable), and its {@code ResponseParameters} headers ({@code "'value'"}) are added.
 */
public final class GatewayResponses {

    private static final String JSON = "application/json";

    private final JsonNode customisations;

    private GatewayResponses(JsonNode customisations) {
        this.customisations = customisations;
    }

    /** The stock answers, for a template without customisations. */
    public static GatewayResponses stock() {
        return new GatewayResponses(MissingNode.getInstance());
    }

    /** The answers as {@code customisations} (an {@code AWS::Serverless::Api}'s {@code GatewayResponses}) make them. */
    public static GatewayResponses of(JsonNode customisations) {
        return new GatewayResponses(customisations == null ? MissingNode.getInstance() : customisations);
    }

    public ProxyResponse answer(GatewayResponse response) {
        JsonNode own = response.type() == null ? MissingNode.getInstance() : customisations.path(response.type());
        JsonNode custom = own.isObject() ? own : customisations.path(response.defaultType());
        if (!custom.isObject()) {
            return response.asProxyResponse();
        }
        int status = custom.hasNonNull("StatusCode") ? Integer.parseInt(custom.get("StatusCode").asText()) : response.status();
        byte[] body = custom.path("ResponseTemplates").hasNonNull(JSON)
                ? custom.path("ResponseTemplates").get(JSON).asText().getBytes(StandardCharsets.UTF_8) : response.body();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(JSON));
        custom.path("ResponseParameters").path("Headers").properties().forEach(header ->
                headers.put(header.getKey(), List.of(unquoted(header.getValue().asText()))));
        return new ProxyResponse(status, headers, body);
    }

    /** API Gateway writes a static header value in single quotes. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
    }
}
