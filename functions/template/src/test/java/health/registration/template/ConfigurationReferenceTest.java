package health.registration.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what {@link ConfigurationReference} makes of the code and the template; when a setting,
 * its Javadoc or a template parameter changes, this fails until the page is regenerated
 * ({@link ConfigurationReference#REGENERATE}, which sets {@code -Dconfiguration.write=true}).
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = ConfigurationReference.repositoryRoot();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");

    @Test
    void thePageIsWhatTheGeneratorMakes() throws Exception {
        String generated = ConfigurationReference.generate(ROOT);
        if (Boolean.getBoolean("configuration.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        String page = Files.isRegularFile(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        if (!page.equals(generated)) {
            fail("docs/configuration.md differs from what the code and infrastructure/template.yaml make of it;"
                    + " regenerate it from the repository root with:\n    " + ConfigurationReference.REGENERATE);
        }
    }

    @Test
    void everyVariableTheCodeReadsIsThereWithItsMeaning() throws Exception {
        Map<String, ConfigurationReference.Declaration> variables = ConfigurationReference.variables(ROOT);
        String page = ConfigurationReference.generate(ROOT);

        assertThat(variables).containsKeys("PUBLIC_BASE_URL", "CERTIFICATE_AUTHORITY_SECRET", "OPERATOR_LOCAL_TOKEN",
                "VERSION_PRUNED_FUNCTIONS", "REQUEST_COUNTS_TABLE", "PORT").doesNotContainKeys("AWS_ENDPOINT_URL");
        variables.forEach((name, declaration) -> assertThat(page).contains("| `" + name + "` |"));
        assertThat(variables.get("UDAP_SERVER_CERTIFICATE_FILE").meaning())
                .as("a constant documented with the one before it").isEqualTo(variables.get("UDAP_SERVER_KEY_FILE")
                        .meaning());
    }

    @Test
    void aVariableTheTemplateSetsFromAParameterNamesItAndItsDefault() throws Exception {
        String page = ConfigurationReference.generate(ROOT);

        assertThat(page).containsPattern("\\| `SCOPES_SUPPORTED` \\| parameter `ScopesSupported` \\(`openid [^|]*\\)"
                + " \\| every function \\|");
        assertThat(page).contains("| `PUBLIC_BASE_URL` | parameter `PublicBaseUrl` (required) |");
        assertThat(page).contains("| `CLIENTS_TABLE` | the stack's `ClientsTable` |");
        assertThat(page).containsPattern("\\| `PROBE_HOSTS_FILE` \\| — \\| — \\|");
        assertThat(page).contains("| `SnapStartApplyOn` | `PublishedVersions` |");
    }

    @Test
    void javadocBecomesMarkdownOnOneLine() {
        assertThat(ConfigurationReference.markdown("""
                The {@code FOO} of {@link #BAR} at {@code {base}/x}, see {@link Settings#value(String)} and {@link UdapSettings};
                <p>a | b
                """)).isEqualTo("The `FOO` of `BAR` at `{base}/x`, see `Settings.value` and `UdapSettings`; a \\| b");
    }
}
