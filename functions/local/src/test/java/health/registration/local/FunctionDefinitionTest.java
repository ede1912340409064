package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FunctionDefinitionTest {

    @Test
    void splitsHandlerIntoClassAndMethod() {
        FunctionDefinition function = FunctionDefinition.of("ValidateFunction",
                "health.registration.validate.ValidateClientHandler::handleRequest", 10, 1024);
        assertThat(function.handlerClass()).isEqualTo("health.registration.validate.ValidateClientHandler");
        assertThat(function.handlerMethod()).isEqualTo("handleRequest");
        assertThat(function.handler()).isEqualTo("health.registration.validate.ValidateClientHandler::handleRequest");
    }

    @Test
    void handlerWithoutMethodNamesHandleRequest() {
        assertThat(FunctionDefinition.of("F", "a.B", 3, 128).handlerMethod()).isEqualTo("handleRequest");
    }

    @Test
    void refusesHandlerWithoutClassOrMethod() {
        assertThatIllegalArgumentException().isThrownBy(() -> FunctionDefinition.of("F", "::handleRequest", 3, 128))
                .withMessageContaining("F");
        assertThatIllegalArgumentException().isThrownBy(() -> FunctionDefinition.of("F", "a.B::", 3, 128));
    }
}
