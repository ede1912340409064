package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionContainerTest {

    private static FunctionContainer container(Class<?> handler, String method) {
        return new FunctionContainer(FunctionDefinition.of(handler.getSimpleName(), handler.getName() + "::" + method, 3, 128),
                FunctionContainerTest.class.getClassLoader());
    }

    private static String invoke(FunctionContainer container, String event) throws Exception {
        InvocationContext context = new InvocationContext(container.function(), "req-1", Clock.systemUTC(),
                new ConsoleLogger(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "F", "req-1"));
        return new String(container.invoke(event.getBytes(StandardCharsets.UTF_8), context), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void resetCounters() {
        InstanceCountingHandler.INSTANCES.set(0);
        FailingConstructorHandler.ATTEMPTS.set(0);
    }

    @Test
    void passesTheEventAndReturnsWhatTheHandlerWrote() throws Exception {
        assertThat(invoke(container(InstanceCountingHandler.class, "handleRequest"), "{\"a\":1}"))
                .isEqualTo("instance 1 read 7 bytes");
    }

    @Test
    void buildsTheHandlerOnFirstUseOnlyAndReusesIt() throws Exception {
        FunctionContainer container = container(InstanceCountingHandler.class, "handleRequest");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(0);
        invoke(container, "{}");
        assertThat(invoke(container, "{}")).startsWith("instance 1 ");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(1);
    }

    @Test
    void retriesConstructionAfterAFailedStartAndReportsTheConstructorsOwnError() {
        FunctionContainer container = container(FailingConstructorHandler.class, "handleRequest");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatException().isThrownBy(() -> invoke(container, "{}"))
                    .isInstanceOf(IllegalStateException.class).withMessage(FailingConstructorHandler.MESSAGE);
        }
        assertThat(FailingConstructorHandler.ATTEMPTS).hasValue(2);
    }

    @Test
    void passesOnWhatTheHandlerThrows() {
        assertThatException().isThrownBy(() -> invoke(container(ThrowingHandler.class, "handleRequest"), "{}"))
                .isInstanceOf(IllegalStateException.class).withMessage(ThrowingHandler.MESSAGE);
    }

    @Test
    void refusesAClassThatIsNoRequestStreamHandler() {
        assertThatException().isThrownBy(() -> invoke(container(String.class, "handleRequest"), "{}"))
                .isInstanceOf(IOException.class).withMessageContaining("does not implement RequestStreamHandler");
    }

    @Test
    void refusesAHandlerMethodOtherThanHandleRequest() {
        assertThatException().isThrownBy(() -> invoke(container(InstanceCountingHandler.class, "apply"), "{}"))
                .isInstanceOf(IOException.class).withMessageContaining("only RequestStreamHandler.handleRequest");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(0);
    }

    @Test
    void refusesAnUnknownClass() {
        FunctionContainer container = new FunctionContainer(
                FunctionDefinition.of("Missing", "health.registration.local.NoSuchHandler::handleRequest", 3, 128),
                FunctionContainerTest.class.getClassLoader());
        assertThatException().isThrownBy(() -> invoke(container, "{}")).isInstanceOf(ClassNotFoundException.class);
    }
}
