package health.registration.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template's alarms and dashboard (docs/operations/alarms.md) keep up with its resources: every function has an
 * errors and a throttles alarm, every queue an alarm, every alarm notifies the alarm topic when it goes off and when
 * it clears, every function may write its traces, and the dashboard is JSON that shows every function and every
 * metric of the service's vocabulary. A function or queue added without its alarms fails the build. The checks are
 * also run on copies of the template with an alarm taken away, to show that each one can fail.
 */
class TemplateAlarmsTest {

    /** Surefire runs in the module's directory. */
    private static final Path TEMPLATE = Path.of("../../infrastructure/template.yaml");
    private static final Set<String> FUNCTION_TYPES = Set.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    /** The service's own metrics (Embedded Metric Format) that the dashboard graphs (docs/operations/alarms.md). */
    private static final List<String> SERVICE_METRICS = List.of("Registrations", "Refusals", "RateLimitRefusals",
            "Probes", "ProbeLatency", "ReverifyChecked", "ReverifyPassed", "ReverifyWarned", "ReverifySuspended",
            "ReverifyDeferred", "ReverifyRuns", "ReverifyRunDuration", "CertificatesIssued",
            "CertificatesRevoked", "CrlHoursToNextUpdate");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{[^}]+}");

    private final JsonNode template = TemplateYaml.read(TEMPLATE);

    TemplateAlarmsTest() throws IOException {}

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        assertThat(functions(template)).hasSizeGreaterThanOrEqualTo(10);
        assertThat(unwatchedFunctions(template)).isEmpty();
    }

    @Test
    void aFunctionWithoutItsThrottlesAlarmIsFound() {
        ObjectNode broken = template.deepCopy();
        ((ObjectNode) broken.path("Resources")).remove("ProbeFunctionThrottlesAlarm");

        assertThat(unwatchedFunctions(broken)).containsExactly("ProbeFunction has no Throttles alarm");
    }

    @Test
    void aConditionalFunctionsAlarmsCarryItsCondition() {
        ObjectNode broken = template.deepCopy();
        ((ObjectNode) broken.path("Resources").path("CertificatesFunctionErrorsAlarm")).remove("Condition");

        assertThat(unwatchedFunctions(broken)).containsExactly("CertificatesFunction has no Errors alarm");
    }

    @Test
    void everyQueueHasAnAlarm() {
        assertThat(resourcesOfType(template, "AWS::SQS::Queue")).contains("ReverifyQueue", "ReverifyFailureQueue");
        assertThat(unwatchedQueues(template)).isEmpty();
    }

    @Test
    void aQueueWithoutAnAlarmIsFound() {
        ObjectNode broken = template.deepCopy();
        ((ObjectNode) broken.path("Resources")).remove("ReverifyFailureQueueAlarm");

        assertThat(unwatchedQueues(broken)).containsExactly("ReverifyFailureQueue has no alarm");
    }

    @Test
    void everyAlarmNotifiesTheTopicWhenItGoesOffAndWhenItClears() {
        List<String> alarms = resourcesOfType(template, "AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSizeGreaterThan(20);
        for (String alarm : alarms) {
            JsonNode properties = template.path("Resources").path(alarm).path("Properties");
            assertThat(notifiesTheTopic(properties.path("AlarmActions"))).as(alarm + " AlarmActions").isTrue();
            assertThat(notifiesTheTopic(properties.path("OKActions"))).as(alarm + " OKActions").isTrue();
        }
        assertThat(template.path("Resources").path("AlarmEmailSubscription").path("Condition").asText())
                .isEqualTo("HasAlarmEmail");
    }

    @Test
    void alarmsOnTheServicesMetricsReadItsNamespace() {
        for (String alarm : resourcesOfType(template, "AWS::CloudWatch::Alarm")) {
            JsonNode properties = template.path("Resources").path(alarm).path("Properties");
            if (SERVICE_METRICS.contains(properties.path("MetricName").asText())) {
                assertThat(properties.path("Namespace").asText()).as(alarm).isEqualTo("MetricsNamespace");
            }
        }
    }

    @Test
    void everyFunctionIsTracedAndMayWriteItsTraces() {
        assertThat(template.path("Globals").path("Function").path("Tracing").toString()).contains("TracesApi");
        assertThat(template.path("Resources").path("RegistrationApi").path("Properties").path("TracingEnabled")
                .toString()).contains("TracesApi");
        for (String function : functions(template)) {
            JsonNode properties = template.path("Resources").path(function).path("Properties");
            assertThat(properties.has("Tracing")).as(function + " overrides Globals' Tracing").isFalse();
            String role = properties.path("Role").asText().replace(".Arn", "");
            assertThat(template.path("Resources").path(role).path("Properties").path("ManagedPolicyArns").toString())
                    .as(role).contains("FunctionTracesPolicy");
        }
    }

    @Test
    void theDashboardIsJsonShowingEveryFunctionAndEveryServiceMetric() throws IOException {
        String body = dashboardBody(template);
        JsonNode dashboard = new ObjectMapper().readTree(SUBSTITUTION.matcher(body).replaceAll("1"));

        assertThat(dashboard.path("widgets").size()).isGreaterThan(10);
        for (String function : functions(template)) {
            assertThat(body).as("the dashboard graphs " + function).contains("${" + function + "}");
        }
        for (String metric : SERVICE_METRICS) {
            assertThat(Pattern.compile("\\b" + metric + "\\b").matcher(body).find()).as(metric).isTrue();
        }
        assertThat(body).contains("${MetricsNamespace}").contains("${ReverifyFailureQueue.QueueName}");
    }

    /** "X has no Errors alarm" for each function without an alarm on that metric under the function's condition. */
    private static List<String> unwatchedFunctions(JsonNode template) {
        List<String> problems = new ArrayList<>();
        for (String function : functions(template)) {
            for (String metric : List.of("Errors", "Throttles")) {
                if (!watched(template, function, "AWS/Lambda", metric, "FunctionName", function)) {
                    problems.add(function + " has no " + metric + " alarm");
                }
            }
        }
        return problems;
    }

    private static List<String> unwatchedQueues(JsonNode template) {
        return resourcesOfType(template, "AWS::SQS::Queue").stream()
                .filter(queue -> !watched(template, queue, "AWS/SQS", null, "QueueName", queue + ".QueueName"))
                .map(queue -> queue + " has no alarm")
                .toList();
    }

    /**
     * Whether an alarm exists on the metric (any metric of the namespace when {@code metric} is null) with the
     * dimension, directly or inside a metric-math alarm, under the same condition as the resource it watches.
     */
    private static boolean watched(JsonNode template, String resource, String namespace, String metric,
            String dimension, String value) {
        String condition = template.path("Resources").path(resource).path("Condition").asText("");
        return resourcesOfType(template, "AWS::CloudWatch::Alarm").stream()
                .map(alarm -> template.path("Resources").path(alarm))
                .filter(alarm -> alarm.path("Condition").asText("").equals(condition))
                .flatMap(alarm -> metricsOf(alarm.path("Properties")))
                .anyMatch(watchedMetric -> watchedMetric.path("Namespace").asText().equals(namespace)
                        && (metric == null || watchedMetric.path("MetricName").asText().equals(metric))
                        && hasDimension(watchedMetric.path("Dimensions"), dimension, value));
    }

    /** The alarm's own metric, or each metric of its metric math. */
    private static Stream<JsonNode> metricsOf(JsonNode alarm) {
        if (!alarm.has("Metrics")) {
            return Stream.of(alarm);
        }
        List<JsonNode> metrics = new ArrayList<>();
        alarm.path("Metrics").forEach(query -> {
            if (query.path("MetricStat").has("Metric")) {
                metrics.add(query.path("MetricStat").path("Metric"));
            }
        });
        return metrics.stream();
    }

    private static boolean hasDimension(JsonNode dimensions, String name, String value) {
        for (JsonNode dimension : dimensions) {
            if (dimension.path("Name").asText().equals(name) && dimension.path("Value").asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A list of actions naming the topic, or an {@code !If [condition, actions, actions]} whose branches both do. */
    private static boolean notifiesTheTopic(JsonNode actions) {
        if (actions.size() == 3 && actions.get(0).isTextual() && actions.get(1).isArray() && actions.get(2).isArray()) {
            return notifiesTheTopic(actions.get(1)) && notifiesTheTopic(actions.get(2));
        }
        for (JsonNode action : actions) {
            if (action.asText().equals("AlarmTopic")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dashboard body as CloudFormation would substitute it when every condition holds: {@code !Join ["", parts]}
     * whose parts are {@code !Sub} texts or {@code !If [condition, text, ""]}.
     */
    private static String dashboardBody(JsonNode template) {
        JsonNode join = template.path("Resources").path("OperationsDashboard").path("Properties").path("DashboardBody");
        assertThat(join.get(0).asText()).as("joined with nothing between the parts").isEmpty();
        StringBuilder body = new StringBuilder();
        join.get(1).forEach(part -> body.append(part.isArray() ? part.get(1).asText() : part.asText()));
        return body.toString();
    }

    private static List<String> functions(JsonNode template) {
        List<String> functions = new ArrayList<>();
        FUNCTION_TYPES.forEach(type -> functions.addAll(resourcesOfType(template, type)));
        return functions;
    }

    private static List<String> resourcesOfType(JsonNode template, String type) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals(type)) {
                names.add(resource.getKey());
            }
        }
        return names;
    }
}
