package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLoggerTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ConsoleLogger logger =
            new ConsoleLogger(new PrintStream(buffer, true, StandardCharsets.UTF_8), "ValidateFunction", "req-1");

    private String written() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEachMessageAsOneLineNamingFunctionAndRequest() {
        logger.log("validate valid=false\n");
        logger.log("second".getBytes(StandardCharsets.UTF_8));
        assertThat(written()).isEqualTo("[ValidateFunction req-1] validate valid=false" + System.lineSeparator()
                + "[ValidateFunction req-1] second" + System.lineSeparator());
    }

    @Test
    void prefixesTheLevelWhenGivenOne() {
        logger.log("careful", LogLevel.WARN);
        assertThat(written()).isEqualTo("[ValidateFunction req-1] WARN careful" + System.lineSeparator());
    }

    @Test
    void printsALineWithALevelAsLambdasRuntimeWritesItUnchanged() {
        String line = "{\"timestamp\":\"2026-12-07T18:30:00.000Z\",\"level\":\"INFO\",\"message\":\"valid=true\"}\n";
        logger.log(line.getBytes(StandardCharsets.UTF_8), LogLevel.INFO);
        assertThat(written()).isEqualTo(line.stripTrailing() + System.lineSeparator());
    }
}
