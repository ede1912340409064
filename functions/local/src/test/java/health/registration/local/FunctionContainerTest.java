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

    static FunctionDefinition definition(Class<?> handler, String method) {
        return FunctionDefinition.of(handler.getSimpleName(), handler.getName() + "::" + method, 3, 128);
    }

    static InvocationContext context(FunctionDefinition function) {
        return new InvocationContext(function, "req-1", Clock.systemUTC(),
                new ConsoleLogger(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "F", "req-1"));
    }

    private static FunctionContainer start(Class<?> handler, String method) throws Exception {
        return FunctionContainer.start(definition(handler, method), FunctionContainerTest.class.getClassLoader());
    }

    private static String invoke(FunctionContainer container, String event) throws Exception {
        byte[] output = container.invoke(event.getBytes(StandardCharsets.UTF_8), context(definition(Object.class, "x")));
        return new String(output, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void resetCounters() {
        InstanceCountingHandler.INSTANCES.set(0);
        FailingConstructorHandler.ATTEMPTS.set(0);
    }

    @Test
    void passesTheEventAndReturnsWhatTheHandlerWrote() throws Exception {
        assertThat(invoke(start(InstanceCountingHandler.class, "handleRequest"), "{\"a\":1}"))
                .isEqualTo("instance 1 read 7 bytes");
    }

    @Test
    void buildsOneHandlerInstanceWhenItStartsAndReusesIt() throws Exception {
        FunctionContainer container = start(InstanceCountingHandler.class, "handleRequest");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(1);
        invoke(container, "{}");
        assertThat(invoke(container, "{}")).startsWith("instance 1 ");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(1);
    }

    @Test
    void handsAFunctionThatProbesTheInProcessEngineInPlaceOfTheProbeFunction() throws Exception {
        assertThat(invoke(start(ProbingHandler.class, "handleRequest"), "{}")).isEqualTo("probing InProcessProbing");
    }

    @Test
    void reportsTheConstructorsOwnError() {
        assertThatException().isThrownBy(() -> start(FailingConstructorHandler.class, "handleRequest"))
                .isInstanceOf(IllegalStateException.class).withMessage(FailingConstructorHandler.MESSAGE);
        assertThat(FailingConstructorHandler.ATTEMPTS).hasValue(1);
    }

    @Test
    void passesOnWhatTheHandlerThrows() throws Exception {
        FunctionContainer container = start(ThrowingHandler.class, "handleRequest");
        assertThatException().isThrownBy(() -> invoke(container, "{}"))
                .isInstanceOf(IllegalStateException.class).withMessage(ThrowingHandler.MESSAGE);
    }

    @Test
    void refusesAClassThatIsNoRequestStreamHandler() {
        assertThatException().isThrownBy(() -> start(String.class, "handleRequest"))
                .isInstanceOf(IOException.class).withMessageContaining("does not implement RequestStreamHandler");
    }

    @Test
    void refusesAHandlerMethodOtherThanHandleRequest() {
        assertThatException().isThrownBy(() -> start(InstanceCountingHandler.class, "apply"))
                .isInstanceOf(IOException.class).withMessageContaining("only RequestStreamHandler.handleRequest");
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(0);
    }

    @Test
    void refusesAnUnknownClass() {
        assertThatException().isThrownBy(() -> FunctionContainer.start(
                        FunctionDefinition.of("Missing", "health.registration.local.NoSuchHandler::handleRequest", 3, 128),
                        FunctionContainerTest.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
