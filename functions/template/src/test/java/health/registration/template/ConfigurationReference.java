package health.registration.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes docs/configuration.md from the code and the template, so that it cannot drift from either: every environment
 * variable a function or the local API reads (a {@code public static final String} constant of a module's main code
 * whose value is the variable's name) with the Javadoc of its constant as its meaning, and, from
 * infrastructure/template.yaml, the parameter or resource that sets it, that parameter's default and the functions
 * it is set for; then every template parameter that is no environment variable. {@link ConfigurationReferenceTest}
 * fails when the file differs from what this makes, and says how to regenerate it.
 */
final class ConfigurationReference {

    static final String REGENERATE = "mvn -q -pl functions/template test -Dtest=ConfigurationReferenceTest"
            + " -Dconfiguration.write=true";

    /** A constant naming a variable: public, a String, its value UPPER_SNAKE (or equal to the constant's name). */
    private static final Pattern CONSTANT = Pattern.compile(
            "public static final String ([A-Z][A-Z0-9_]*) = \"([A-Z][A-Z0-9_]*)\";");
    private static final Pattern SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    /** The SDK's own variables, named in the page's introduction rather than as settings of the service. */
    private static final Set<String> SDK = Set.of("AWS_ENDPOINT_URL", "AWS_REGION");
    /** The module of test infrastructure: its constants are no setting of the service. */
    private static final String TESTKIT = "functions/testkit/";
    private static final String COMPUTED = "(computed in the template)";

    /** One declaration of a variable: where, and its Javadoc as Markdown (empty when it has none). */
    record Declaration(String variable, String className, String path, String meaning) {}

    /** What the template sets a variable to, per function. */
    record TemplateUse(Map<String, String> valueByFunction) {}

    private ConfigurationReference() {}

    /** The page's text for the repository at {@code root}. */
    static String generate(Path root) throws IOException {
        Map<String, Declaration> variables = variables(root);
        JsonNode template = TemplateYaml.read(root.resolve("infrastructure/template.yaml"));
        Map<String, Map<String, String>> uses = templateUses(template);
        JsonNode parameters = template.path("Parameters");

        StringBuilder page = new StringBuilder();
        page.append("""
                # Configuration

                <!-- Generated from the code and infrastructure/template.yaml; do not edit. Regenerate with:
                     %s -->

                Every function and the local API read their configuration from environment variables. This page lists
                each variable the code reads (the Javadoc of the constant that names it is its meaning), the template
                parameter or stack resource that sets it in AWS, that parameter's default, and the functions the
                template sets it for; then every template parameter that is no environment variable. AWS endpoints and
                region come from the AWS SDK's own `AWS_ENDPOINT_URL` and `AWS_REGION`; the local API and the scripts
                set them for the moto emulator (docs/testing.md). How to pass parameters to a deploy: docs/deploy.md.

                "Set by" names a template parameter (its default after it) or a resource of the stack; "—" means the
                template never sets the variable (local use, test seams, or a default the code keeps).
                """.formatted(REGENERATE));

        Map<String, List<Declaration>> byClass = new TreeMap<>(Comparator
                .comparing((String name) -> !name.endsWith(".edge.Settings")).thenComparing(name -> name));
        variables.values().forEach(declaration ->
                byClass.computeIfAbsent(declaration.className(), name -> new ArrayList<>()).add(declaration));
        for (Map.Entry<String, List<Declaration>> group : byClass.entrySet()) {
            page.append("\n## `").append(group.getKey()).append("`\n\n");
            page.append("| Variable | Set by (default) | Set for | Meaning |\n|---|---|---|---|\n");
            for (Declaration declaration : group.getValue()) {
                Map<String, String> use = uses.getOrDefault(declaration.variable(), Map.of());
                page.append("| `").append(declaration.variable()).append("` | ").append(setBy(use, parameters, template))
                        .append(" | ").append(setFor(use)).append(" | ").append(declaration.meaning()).append(" |\n");
            }
        }

        Set<String> undeclared = new TreeSet<>(uses.keySet());
        undeclared.removeAll(variables.keySet());
        if (!undeclared.isEmpty()) {
            page.append("\n## Set by the template for the runtime\n\n");
            page.append("Variables the template sets that no code of the service reads: the Lambda Java runtime's.\n\n");
            page.append("| Variable | Set by (default) | Set for |\n|---|---|---|\n");
            for (String variable : undeclared) {
                Map<String, String> use = uses.get(variable);
                page.append("| `").append(variable).append("` | ").append(setBy(use, parameters, template))
                        .append(" | ").append(setFor(use)).append(" |\n");
            }
        }

        Set<String> passed = new LinkedHashSet<>();
        uses.values().forEach(use -> use.values().forEach(value -> {
            if (parameters.has(value)) {
                passed.add(value);
            }
        }));
        page.append("\n## Template parameters that are no environment variable\n\n");
        page.append("They shape the stack itself (docs/deploy.md explains each).\n\n");
        page.append("| Parameter | Default | Description |\n|---|---|---|\n");
        parameters.fieldNames().forEachRemaining(name -> {
            if (!passed.contains(name)) {
                JsonNode parameter = parameters.path(name);
                page.append("| `").append(name).append("` | ").append(defaultOf(parameter)).append(" | ")
                        .append(cell(parameter.path("Description").asText(""))).append(" |\n");
            }
        });
        return page.toString();
    }

    /** Every variable of the code, with the declaration whose Javadoc describes it. */
    static Map<String, Declaration> variables(Path root) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root.resolve("functions"))) {
            sources = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> root.relativize(path).toString().replace('\\', '/').matches("functions/.*src/main/java/.*"))
                    .filter(path -> !root.relativize(path).toString().replace('\\', '/').startsWith(TESTKIT))
                    .sorted(Comparator.comparing((Path path) -> path.toString().contains("/adapters/"))
                            .thenComparing(Path::toString))
                    .toList();
        }
        Map<String, List<Declaration>> declarations = new LinkedHashMap<>();
        for (Path source : sources) {
            for (Declaration declaration : declarations(root, source)) {
                declarations.computeIfAbsent(declaration.variable(), name -> new ArrayList<>()).add(declaration);
            }
        }
        Map<String, Declaration> variables = new LinkedHashMap<>();
        List<String> undocumented = new ArrayList<>();
        declarations.forEach((variable, found) -> found.stream().filter(d -> !d.meaning().isEmpty()).findFirst()
                .ifPresentOrElse(declaration -> variables.put(variable, declaration),
                        () -> undocumented.add(variable + " (" + found.get(0).path() + ")")));
        if (!undocumented.isEmpty()) {
            throw new IllegalStateException("give these settings' constants a Javadoc (docs/configuration.md shows it"
                    + " as their meaning): " + String.join(", ", undocumented));
        }
        return variables;
    }

    /**
     * The variables one source file declares, in order. A constant without Javadoc right after another constant
     * shares that one's Javadoc (a group documented once, such as a key file and its certificate file).
     */
    private static List<Declaration> declarations(Path root, Path source) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        String path = root.relativize(source).toString().replace('\\', '/');
        String className = path.substring(path.indexOf("/java/") + "/java/".length(), path.length() - ".java".length())
                .replace('/', '.');
        List<Declaration> found = new ArrayList<>();
        String groupMeaning = "";
        for (int i = 0; i < lines.size(); i++) {
            Matcher constant = CONSTANT.matcher(lines.get(i).strip());
            if (!constant.matches() || SDK.contains(constant.group(2))
                    || !(SNAKE.matcher(constant.group(2)).matches() || constant.group(1).equals(constant.group(2)))) {
                continue;
            }
            String own = javadocBefore(lines, i);
            boolean inGroup = i > 0 && CONSTANT.matcher(lines.get(i - 1).strip()).matches();
            groupMeaning = !own.isEmpty() ? own : inGroup ? groupMeaning : "";
            found.add(new Declaration(constant.group(2), className, path, groupMeaning));
        }
        return found;
    }

    /** The Javadoc ending on the line before {@code index}, as one Markdown line; empty when there is none. */
    private static String javadocBefore(List<String> lines, int index) {
        int end = index - 1;
        if (end < 0 || !lines.get(end).strip().endsWith("*/")) {
            return "";
        }
        int start = end;
        while (start >= 0 && !lines.get(start).strip().startsWith("/**")) {
            start--;
        }
        if (start < 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = start; i <= end; i++) {
            String line = lines.get(i).strip();
            line = line.replaceFirst("^/\\*\\*", "").replaceFirst("\\*/$", "").replaceFirst("^\\*", "").strip();
            text.append(line).append(' ');
        }
        return markdown(text.toString());
    }

    /** Javadoc's inline tags and HTML as Markdown, on one line, safe in a table cell. */
    static String markdown(String javadoc) {
        String text = javadoc;
        text = text.replaceAll("\\{@code ((?:[^{}]|\\{[^{}]*})*)}", "`$1`");
        text = text.replaceAll("\\{@link(?:plain)? #([A-Za-z0-9_]+)(?:\\([^)]*\\))?}", "`$1`");
        text = text.replaceAll("\\{@link(?:plain)? ([A-Za-z0-9_.]+)#([A-Za-z0-9_]+)(?:\\([^)]*\\))?}", "`$1.$2`");
        text = text.replaceAll("\\{@link(?:plain)? ([A-Za-z0-9_.]+)}", "`$1`");
        text = text.replaceAll("</?(p|ul|li|em|b|i)>", " ");
        return cell(text);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
    }

    /** Variable → function → the value's text as the YAML reader gives it (a tag's argument for !Ref, !GetAtt ...). */
    private static Map<String, Map<String, String>> templateUses(JsonNode template) {
        Map<String, Map<String, String>> uses = new TreeMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(entry -> uses.computeIfAbsent(entry.getKey(), name -> new TreeMap<>())
                        .put("every function", text(entry.getValue())));
        template.path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                resource.getValue().path("Properties").path("Environment").path("Variables").properties()
                        .forEach(entry -> uses.computeIfAbsent(entry.getKey(), name -> new TreeMap<>())
                                .put(resource.getKey(), text(entry.getValue())));
            }
        });
        return uses;
    }

    /** A plain value, or {@link #COMPUTED} for an intrinsic function over a list ({@code !Join}, {@code !If}). */
    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : COMPUTED;
    }

    /** The parameter (with its default) or resource the values name, or the literal values; "—" when unset. */
    private static String setBy(Map<String, String> use, JsonNode parameters, JsonNode template) {
        if (use.isEmpty()) {
            return "—";
        }
        Set<String> described = new LinkedHashSet<>();
        for (String value : new TreeSet<>(use.values())) {
            String logicalId = value.contains(".") ? value.substring(0, value.indexOf('.')) : value;
            if (value.equals(COMPUTED)) {
                described.add("computed in the template from the stack's resources");
            } else if (parameters.has(value)) {
                described.add("parameter `" + value + "` (" + defaultOf(parameters.path(value)) + ")");
            } else if (template.path("Resources").has(logicalId)) {
                described.add("the stack's `" + logicalId + "`");
            } else {
                described.add("`" + cell(value) + "`");
            }
        }
        return String.join("; ", described);
    }

    private static String defaultOf(JsonNode parameter) {
        if (!parameter.has("Default")) {
            return "required";
        }
        String value = parameter.path("Default").asText();
        return value.isEmpty() ? "empty" : "`" + cell(value) + "`";
    }

    private static String setFor(Map<String, String> use) {
        return use.isEmpty() ? "—" : cell(String.join(", ", use.keySet()));
    }

    /** The repository root: the nearest folder up from the working directory with infrastructure/template.yaml. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path folder = here; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("infrastructure/template.yaml"))) {
                return folder;
            }
        }
        throw new UncheckedIOException(new IOException("no infrastructure/template.yaml above " + here));
    }
}
