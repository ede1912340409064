package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationContextTest {

    private static final FunctionDefinition FUNCTION = FunctionDefinition.of("ValidateFunction", "a.B::handleRequest", 10, 1024);

    /** A clock the test moves by hand. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void remainingTimeCountsDownFromTheFunctionsTimeout() {
        SteppedClock clock = new SteppedClock();
        InvocationContext context = new InvocationContext(FUNCTION, "req-1", clock, null);
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(10_000);
        clock.advance(Duration.ofMillis(2_500));
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(7_500);
        clock.advance(Duration.ofSeconds(60));
        assertThat(context.getRemainingTimeInMillis()).isZero();
    }

    @Test
    void namesTheFunctionRequestAndMemory() {
        InvocationContext context = new InvocationContext(FUNCTION, "req-1", new SteppedClock(), null);
        assertThat(context.getFunctionName()).isEqualTo("ValidateFunction");
        assertThat(context.getAwsRequestId()).isEqualTo("req-1");
        assertThat(context.getMemoryLimitInMB()).isEqualTo(1024);
        assertThat(context.getLogGroupName()).isEqualTo("/aws/lambda/ValidateFunction");
        assertThat(context.getInvokedFunctionArn()).endsWith(":function:ValidateFunction");
    }

    @Test
    void givesTheLoggerItWasBuiltWith() {
        List<String> lines = new ArrayList<>();
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        new InvocationContext(FUNCTION, "req-1", new SteppedClock(), logger).getLogger().log("hello");
        assertThat(lines).containsExactly("hello");
    }
}
