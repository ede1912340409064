package health.registration.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of core from the ground up (docs/conventions.md): no main source file imports from a package above
 * its own, so each port sits beside the types it speaks and {@code port} keeps only what every layer shares.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/health/registration/core");
    /** Layer of each package; a package may import from its own layer and the ones below. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("model", 0), Map.entry("port", 0),
            Map.entry("policy", 1),
            Map.entry("probe", 2), Map.entry("limit", 2),
            Map.entry("issue", 3),
            Map.entry("udap", 4), Map.entry("operator", 4),
            Map.entry("connector", 4),
            Map.entry("reverify", 5), Map.entry("certificate", 5), Map.entry("authority", 5));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?health\\.registration\\.core\\.([a-z]+)\\.",
            Pattern.MULTILINE);

    @Test
    void everyPackageOfCoreHasALayer() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            List<String> names = packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertThat(names).isNotEmpty();
            assertThat(LAYERS.keySet()).containsAll(names);
        }
    }

    @Test
    void noImportRunsFromALowerPackageToAHigherOne() throws IOException {
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String imported = imports.group(1);
                    int mine = LAYERS.get(own);
                    int theirs = LAYERS.getOrDefault(imported, Integer.MAX_VALUE);
                    // Packages of one layer stay independent of each other.
                    if (theirs > mine || (theirs == mine && !imported.equals(own))) {
                        upward.add(SOURCES.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(upward).as("imports from a package above (or beside) the importing one").isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardImport() {
        Matcher imports = IMPORT.matcher("package x;\nimport health.registration.core.issue.ClientStore;\n");
        assertThat(imports.find()).isTrue();
        assertThat(LAYERS.get(imports.group(1))).isGreaterThan(LAYERS.get("port"));
    }
}
