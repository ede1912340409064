package health.registration.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import health.registration.core.policy.RegistrationErrorCode;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API contract {@code docs/openapi.yaml} describes exactly the API Gateway routes of
 * {@code infrastructure/template.yaml} (docs/api/openapi.md): the same paths and methods, an {@code ANY} method as
 * the API Gateway extension {@code x-amazon-apigateway-any-method}, {@code AWS_IAM} exactly where the document asks
 * for SigV4, and every error answer in the RFC 7591 §3.2.2 error schema.
 */
class OpenApiRoutesTest {

    private static final Path TEMPLATE = Path.of("../../infrastructure/template.yaml");
    private static final Path DOCUMENT = Path.of("../../docs/openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** OpenAPI 3.1 §4.8.9: the operations a path item may hold, and API Gateway's extension for ANY. */
    private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String ANY = "x-amazon-apigateway-any-method";
    private static final String SIGV4_SCHEME = "awsSigV4";
    private static final Set<String> ERROR_SCHEMAS = Set.of("#/components/schemas/Error",
            "#/components/schemas/ProblemsError");

    private record Route(String method, String path, boolean awsIam) {
        String name() {
            return method + " " + path;
        }
    }

    private static JsonNode template;
    private static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        template = TemplateYaml.read(TEMPLATE);
        document = YAML.readTree(DOCUMENT.toFile());
    }

    /** Every {@code Type: Api} event of every function, as {@code sam} routes it. */
    private static List<Route> templateRoutes() {
        List<Route> routes = new ArrayList<>();
        for (JsonNode resource : template.path("Resources")) {
            if (!resource.path("Type").asText().equals("AWS::Serverless::Function")) {
                continue;
            }
            for (JsonNode event : resource.path("Properties").path("Events")) {
                if (event.path("Type").asText().equals("Api")) {
                    JsonNode api = event.path("Properties");
                    routes.add(new Route(api.path("Method").asText().toLowerCase(Locale.ROOT), api.path("Path").asText(),
                            api.path("Auth").path("Authorizer").asText().equals("AWS_IAM")));
                }
            }
        }
        return routes;
    }

    /** Every operation of the document; {@code any} for the extension, SigV4 when its security names the scheme. */
    private static List<Route> documentRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String key = operation.getKey();
                if (OPERATIONS.contains(key) || key.equals(ANY)) {
                    routes.add(new Route(key.equals(ANY) ? "any" : key, path.getKey(), signed(operation.getValue())));
                }
            }
        }
        return routes;
    }

    private static boolean signed(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has(SIGV4_SCHEME)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> names(List<Route> routes) {
        Set<String> names = new TreeSet<>();
        routes.forEach(route -> names.add(route.name()));
        return names;
    }

    private static JsonNode resolved(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            assertThat(ref).as("a reference inside the document").startsWith("#/");
            current = document.at(ref.substring(1));
            assertThat(current.isMissingNode()).as(ref + " exists").isFalse();
        }
        return current;
    }

    @Test
    void listsTheTemplatesRoutesAndMethodsAndNoOthers() {
        assertThat(names(documentRoutes())).isEqualTo(names(templateRoutes()));
    }

    @Test
    void asksForSigV4ExactlyWhereTheTemplateHasAwsIam() {
        Set<String> awsIam = names(templateRoutes().stream().filter(Route::awsIam).toList());
        Set<String> sigV4 = names(documentRoutes().stream().filter(Route::awsIam).toList());

        assertThat(awsIam).isNotEmpty();
        assertThat(sigV4).isEqualTo(awsIam);
        assertThat(document.path("components").path("securitySchemes").path(SIGV4_SCHEME)
                .path("x-amazon-apigateway-authtype").asText()).isEqualTo("awsSigv4");
    }

    @Test
    void answersEveryOtherMethodOfAResource405WithAllow() {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            JsonNode any = path.getValue().path(ANY);
            JsonNode refused = resolved(any.path("responses").path("405"));

            assertThat(refused.path("headers").path("Allow").path("required").asBoolean()).as(path.getKey()).isTrue();
            assertThat(any.path("responses").size()).as(path.getKey() + " answers only 405").isEqualTo(1);
        }
    }

    @Test
    void answersEveryErrorStatusWithTheRfc7591ErrorSchema() {
        int errors = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        JsonNode schema = resolved(response.getValue()).path("content").path("application/json").path("schema");
                        assertThat(schema.path("$ref").asText()).as(operation.getKey() + " " + path.getKey() + " "
                                + response.getKey()).isIn(ERROR_SCHEMAS);
                        errors++;
                    }
                }
            }
        }
        assertThat(errors).isGreaterThan(50);
    }

    @Test
    void describesTheErrorAsRfc7591WithJsonPointers() {
        JsonNode schemas = document.path("components").path("schemas");

        assertThat(schemas.path("Error").path("required")).extracting(JsonNode::asText)
                .containsExactly("error", "error_description");
        assertThat(schemas.path("Problem").path("required")).extracting(JsonNode::asText)
                .containsExactly("field", "code", "description");
        assertThat(schemas.path("Problem").path("properties").path("field").path("pattern").asText())
                .isEqualTo("^(/.*)?$");
    }

    @Test
    void namesEveryErrorCodeOfTheServiceAndNoOther() {
        assertThat(document.path("components").path("schemas").path("ErrorCode").path("enum"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RegistrationErrorCode.values())
                        .map(RegistrationErrorCode::code).toList());
    }
}
