package health.registration.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one reader of a SAM template ({@code infrastructure/template.yaml}) for the local runner and the test kit: the
 * YAML as a tree. CloudFormation tags such as {@code !Ref X} or {@code !GetAtt X.Arn} are dropped by the YAML reader,
 * which gives the value they wrap (a logical id, a parameter name) as plain text.
 */
public final class TemplateYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TemplateYaml() {}

    /** The whole template; an {@link IOException} when it cannot be read or has no {@code Resources}. */
    public static JsonNode read(Path template) throws IOException {
        JsonNode root = YAML.readTree(template.toFile());
        if (root == null || !root.path("Resources").isObject()) {
            throw new IOException(template + " is not a SAM template: it has no Resources");
        }
        return root;
    }
}
