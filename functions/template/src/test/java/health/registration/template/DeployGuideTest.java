package health.registration.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md explains every parameter of infrastructure/template.yaml, one table row each with the template's
 * default, and no parameter that is gone; samconfig.toml's parameter_overrides name real parameters, give every
 * required one, and keep the template's UDAP Rules (both secrets or neither, a token endpoint with them).
 */
class DeployGuideTest {

    private static final Path ROOT = ConfigurationReference.repositoryRoot();
    /** A row of a parameter table: | `Name` | default | text |. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Za-z0-9]+)` \\| ([^|]*) \\|");
    private static final Pattern OVERRIDES = Pattern.compile("(?m)^parameter_overrides = \"([^\"]*)\"$");
    private static final Pattern SECTION = Pattern.compile("(?m)^\\[([a-z_]+)\\.([a-z_]+)\\.parameters]$");

    private static JsonNode parameters;
    private static Map<String, String> rows;

    @BeforeAll
    static void read() throws Exception {
        parameters = TemplateYaml.read(ROOT.resolve("infrastructure/template.yaml")).path("Parameters");
        String guide = Files.readString(ROOT.resolve("docs/deploy.md"), StandardCharsets.UTF_8);
        String section = guide.substring(guide.indexOf("\n## 3. Parameters"), guide.indexOf("\n## 4. "));
        rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            assertThat(rows.put(row.group(1), row.group(2).strip())).as("%s explained twice", row.group(1)).isNull();
        }
    }

    @Test
    void theGuideExplainsEveryParameterOfTheTemplateAndNoOther() {
        List<String> names = new ArrayList<>();
        parameters.fieldNames().forEachRemaining(names::add);

        assertThat(rows.keySet()).as("parameters in docs/deploy.md, section 3").containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void eachRowGivesTheTemplatesDefault() {
        rows.forEach((name, shown) -> {
            JsonNode parameter = parameters.path(name);
            String expected = !parameter.has("Default") ? "required"
                    : parameter.path("Default").asText().isEmpty() ? "empty" : parameter.path("Default").asText();
            assertThat(shown.replace("`", "")).as("the default docs/deploy.md gives %s", name).isEqualTo(expected);
        });
    }

    @Test
    void samconfigOverridesNameRealParametersGiveTheRequiredOnesAndKeepTheUdapRules() throws Exception {
        String samconfig = Files.readString(ROOT.resolve("samconfig.toml"), StandardCharsets.UTF_8);
        List<Integer> starts = new ArrayList<>();
        Matcher section = SECTION.matcher(samconfig);
        while (section.find()) {
            starts.add(section.start());
        }
        starts.add(samconfig.length());
        List<String> deploySections = new ArrayList<>();
        for (int i = 0; i + 1 < starts.size(); i++) {
            deploySections.add(samconfig.substring(starts.get(i), starts.get(i + 1)));
        }
        List<String> checked = new ArrayList<>();
        for (String text : deploySections) {
            String header = text.lines().findFirst().orElseThrow();
            Matcher overrides = OVERRIDES.matcher(text);
            if (!overrides.find()) {
                continue;
            }
            Map<String, String> given = new LinkedHashMap<>();
            for (String pair : overrides.group(1).split(" ")) {
                String[] parts = pair.split("=", 2);
                given.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
            assertThat(given.keySet()).as("%s names template parameters", header).isNotEmpty()
                    .allSatisfy(name -> assertThat(parameters.has(name)).as(name).isTrue());
            if (header.contains(".deploy.")) {
                parameters.properties().forEach(parameter -> {
                    if (!parameter.getValue().has("Default")) {
                        assertThat(given).as("%s gives the required %s", header, parameter.getKey())
                                .containsKey(parameter.getKey());
                    }
                });
                boolean credentials = !given.getOrDefault("UdapServerCredentialsSecret", "").isEmpty();
                boolean anchors = !given.getOrDefault("UdapTrustAnchorsSecret", "").isEmpty();
                assertThat(credentials).as("%s: UDAP secrets come together", header).isEqualTo(anchors);
                if (credentials) {
                    assertThat(given.getOrDefault("UdapTokenEndpoint", "")).as("%s: UDAP needs a token endpoint",
                            header).isNotEmpty();
                }
            }
            checked.add(header);
        }
        assertThat(checked).contains("[default.deploy.parameters]", "[dev.deploy.parameters]");
    }
}
