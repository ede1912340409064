package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.template.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's {@code AWS::DynamoDB::Table} resources, named as the local functions will look for them, so the
 * template stays the one description of the tables.
 *
 * <p>A table in the template has no {@code TableName}: CloudFormation makes one up and hands it to the functions
 * through an environment variable such as {@code CLIENTS_TABLE: !Ref ClientsTable}. Locally the functions read
 * the runner's own environment instead, so a table's local name is the runner's value of every variable whose
 * template value is {@code !Ref} of that table (in {@code Globals.Function} or any function).
 */
public final class TemplateTables {

    static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private TemplateTables() {}

    /**
     * Every table of the template, in template order, named from {@code environment}.
     *
     * @throws IllegalArgumentException when a table is not named through any function's environment, when a
     *                                  variable names two tables, or when {@code environment} lacks the variable
     *                                  (or gives its variables different values)
     */
    public static List<TableDefinition> of(SamTemplate template, Map<String, String> environment) {
        Map<String, Set<String>> variables = variablesByTable(template);
        List<TableDefinition> tables = new ArrayList<>();
        template.resources(TABLE_TYPE).forEach((logicalId, properties) -> {
            Set<String> names = variables.getOrDefault(logicalId, Set.of());
            if (names.isEmpty()) {
                throw new IllegalArgumentException(logicalId + " is not passed to any function as an environment "
                        + "variable (NAME: !Ref " + logicalId + "), so the local API cannot tell its local name");
            }
            String variable = names.iterator().next();
            String name = localName(logicalId, names, environment);
            tables.add(TableDefinition.translate(logicalId, variable, name, properties));
        });
        return tables;
    }

    /** The variables whose template value is {@code !Ref} of each table, by the table's logical id. */
    static Map<String, Set<String>> variablesByTable(SamTemplate template) {
        Set<String> tables = template.resources(TABLE_TYPE).keySet();
        Map<String, Set<String>> variables = new LinkedHashMap<>();
        Map<String, String> tableOfVariable = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> variable : template.environmentVariables()) {
            String referenced = referencedId(variable.getValue());
            if (!tables.contains(referenced)) {
                continue;
            }
            String earlier = tableOfVariable.putIfAbsent(variable.getKey(), referenced);
            if (earlier != null && !earlier.equals(referenced)) {
                throw new IllegalArgumentException(variable.getKey() + " names both " + earlier + " and " + referenced
                        + " in the template; the local functions share one environment, so it cannot name both");
            }
            variables.computeIfAbsent(referenced, id -> new LinkedHashSet<>()).add(variable.getKey());
        }
        return variables;
    }

    /** {@code !Ref X} reads as the text {@code X}; the long form {@code {Ref: X}} is an object. */
    private static String referencedId(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        return value.isObject() && value.size() == 1 && value.path("Ref").isTextual() ? value.path("Ref").asText() : "";
    }

    private static String localName(String logicalId, Set<String> variables, Map<String, String> environment) {
        Set<String> values = new LinkedHashSet<>();
        for (String variable : variables) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        }
        if (values.size() == 1) {
            return values.iterator().next();
        }
        String names = String.join(", ", variables);
        throw new IllegalArgumentException(values.isEmpty()
                ? "set " + names + " to the local name of the table " + logicalId + " (scripts/local-api sets a default)"
                : names + " give different names for the table " + logicalId + ": " + values);
    }
}
