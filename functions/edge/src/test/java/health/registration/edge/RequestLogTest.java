package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T18:30:00Z"), ZoneOffset.UTC);

    private final List<String> written = new ArrayList<>();
    private final List<LogLevel> levels = new ArrayList<>();
    private final LambdaLogger sink = new LambdaLogger() {
        @Override
        public void log(String message) {
            throw new AssertionError("a line without a level: " + message);
        }

        @Override
        public void log(byte[] message) {
            throw new AssertionError("a line without a level");
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            written.add(new String(message, StandardCharsets.UTF_8));
            levels.add(level);
        }
    };

    private RequestLog log(LogLevel threshold) {
        return new RequestLog(sink, threshold, CLOCK, "register", "lambda-req-1", null, null)
                .forApiRequest("api-req-1");
    }

    @Test
    void writesOneJsonLineWithTheLevelBothRequestIdsAndTheFunction() throws IOException {
        log(LogLevel.INFO).info("outcome=registered");

        assertThat(written).singleElement().asString().endsWith("}\n").doesNotContain("\n{");
        JsonNode line = JSON.readTree(written.get(0));
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-12-07T18:30:00.000Z");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("outcome=registered");
        assertThat(line.path("function").asText()).isEqualTo("register");
        assertThat(line.path("AWSRequestId").asText()).isEqualTo("lambda-req-1");
        assertThat(line.path("apiRequestId").asText()).isEqualTo("api-req-1");
        assertThat(line.has("callerRequestId")).isFalse();
        assertThat(levels).containsExactly(LogLevel.INFO);
    }

    @Test
    void namesTheCallersRequestWhenInvokedForOne() throws IOException {
        new RequestLog(sink, LogLevel.INFO, CLOCK, "probe", "lambda-req-2", null, null).forCaller("api-req-1")
                .info("probe urls=5");

        JsonNode line = JSON.readTree(written.get(0));
        assertThat(line.path("callerRequestId").asText()).isEqualTo("api-req-1");
        assertThat(line.path("AWSRequestId").asText()).isEqualTo("lambda-req-2");
        assertThat(line.has("apiRequestId")).isFalse();
    }

    @ParameterizedTest(name = "at {0}: debug {1}, info {2}, warn {3}, error {4}")
    @CsvSource({
            "DEBUG, true,  true,  true,  true",
            "INFO,  false, true,  true,  true",
            "WARN,  false, false, true,  true",
            "ERROR, false, false, false, true"})
    void writesOnlyLinesAtOrAboveTheConfiguredLevel(LogLevel threshold, boolean debug, boolean info, boolean warn,
                                                   boolean error) {
        RequestLog log = log(threshold);
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");

        List<LogLevel> expected = new ArrayList<>();
        if (debug) expected.add(LogLevel.DEBUG);
        if (info) expected.add(LogLevel.INFO);
        if (warn) expected.add(LogLevel.WARN);
        if (error) expected.add(LogLevel.ERROR);
        assertThat(levels).containsExactlyElementsOf(expected);
        assertThat(written).hasSameSizeAs(expected).allSatisfy(line -> assertThat(JSON.readTree(line).path("level").asText())
                .isIn(expected.stream().map(Enum::name).toList()));
    }

    @ParameterizedTest(name = "AWS_LAMBDA_LOG_LEVEL={0} -> {1}")
    @CsvSource(value = {"DEBUG, DEBUG", "warn, WARN", "'', INFO", "NULL, INFO", "LOUD, INFO", "UNDEFINED, INFO"},
            nullValues = "NULL")
    void takesTheThresholdFromLambdasVariableWithInfoAsTheDefault(String configured, LogLevel expected) {
        assertThat(RequestLog.threshold(configured)).isEqualTo(expected);
    }

    @Test
    void logsAnErrorsClassMessageStackAndCauseRedacted() throws IOException {
        RuntimeException cause = new IllegalArgumentException("client_secret=s3cr3t-value in the body");
        RuntimeException failure = new IllegalStateException(
                "fetching https://app.example.com/cb?token=abc123 with Authorization: Bearer tok3n-value failed: "
                        + "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB1pZ2h0\n-----END EC PRIVATE KEY-----", cause);

        log(LogLevel.INFO).error("failed: " + failure.getClass().getName(), failure);

        String text = written.get(0);
        assertThat(text).doesNotContain("s3cr3t-value", "abc123", "tok3n-value", "MHcCAQEEIB1pZ2h0");
        JsonNode error = JSON.readTree(text).path("error");
        assertThat(error.path("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).contains("https://app.example.com/cb?[redacted]", "[redacted PEM]");
        assertThat(error.path("stack").isArray()).isTrue();
        assertThat(error.path("stack").get(0).asText())
                .contains("RequestLogTest.logsAnErrorsClassMessageStackAndCauseRedacted");
        assertThat(error.path("cause").path("class").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.path("cause").path("message").asText()).contains("client_secret=[redacted]");
    }

    @Test
    void redactsTheMessageToo() {
        log(LogLevel.INFO).warn("refused Bearer tok3n-value for client_secret: \"s3cr3t-value\"");

        assertThat(written).singleElement().asString().doesNotContain("tok3n-value", "s3cr3t-value");
    }

    @Test
    void keepsTheCommonMembersWhenALineAddsItsOwn() throws IOException {
        log(LogLevel.INFO).write(LogLevel.INFO, "audit", null, fields -> fields.put("level", "DEBUG")
                .put("apiRequestId", "forged").put("action", "client.suspend"));

        JsonNode line = JSON.readTree(written.get(0));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("apiRequestId").asText()).isEqualTo("api-req-1");
        assertThat(line.path("action").asText()).isEqualTo("client.suspend");
    }

    @Test
    void outsideAnInvocationTheCurrentLogIsTheFunctionsOwn() {
        RequestLog log = log(LogLevel.INFO);

        String inside = log.during(() -> RequestLog.current().requestId());

        assertThat(inside).isEqualTo("api-req-1");
        assertThat(RequestLog.current().requestId()).isNull();
    }
}
