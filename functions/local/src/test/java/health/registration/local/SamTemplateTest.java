package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

    /** Surefire runs in the module's directory. */
    static final Path REAL_TEMPLATE = Path.of("../../infrastructure/template.yaml");

    static Path testTemplate() throws URISyntaxException {
        return Path.of(SamTemplateTest.class.getResource("/test-template.yaml").toURI());
    }

    @Test
    void findsValidateRouteInTheRealTemplate() throws IOException {
        List<Route> routes = SamTemplate.read(REAL_TEMPLATE).routes();
        assertThat(routes).map(Route::toString).contains("POST /validate");
        Route validate = routes.stream().filter(route -> route.path().toString().equals("/validate")).findFirst().orElseThrow();
        assertThat(validate.function().handler()).isEqualTo("health.registration.validate.ValidateClientHandler::handleRequest");
        assertThat(validate.function().logicalId()).isEqualTo("ValidateFunction");
        assertThat(validate.function().timeoutSeconds()).isEqualTo(10);
    }

    @Test
    void findsEveryApiEventOfEveryFunctionAndNothingElse() throws Exception {
        assertThat(SamTemplate.read(testTemplate()).routes()).map(Route::toString)
                .containsExactly("POST /echo", "GET /items/{id}", "ANY /files/{proxy+}", "POST /fail", "GET /malformed",
                        "POST /gated");
    }

    @Test
    void takesTimeoutAndMemoryFromTheFunctionElseFromGlobals() throws Exception {
        List<Route> routes = SamTemplate.read(testTemplate()).routes();
        FunctionDefinition echo = routes.get(0).function();
        FunctionDefinition throwing = routes.get(3).function();
        assertThat(echo.timeoutSeconds()).isEqualTo(2);
        assertThat(echo.memoryMb()).isEqualTo(256);
        assertThat(throwing.timeoutSeconds()).isEqualTo(7);
    }

    @Test
    void fallsBackToSamDefaultWhenTimeoutIsAReference() throws Exception {
        FunctionDefinition malformed = SamTemplate.read(testTemplate()).routes().get(4).function();
        assertThat(malformed.logicalId()).isEqualTo("MalformedResponseFunction");
        assertThat(malformed.timeoutSeconds()).isEqualTo(SamTemplate.DEFAULT_TIMEOUT_SECONDS);
    }

    @Test
    void refusesFunctionWithApiEventButNoHandler(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  NoHandlerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: Api, Properties: {Path: /x, Method: get}}
                """);
        SamTemplate read = SamTemplate.read(template);
        assertThatIllegalArgumentException().isThrownBy(read::routes).withMessageContaining("NoHandlerFunction")
                .withMessageContaining("Handler");
    }

    @Test
    void refusesYamlWithoutResources(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), "Description: not a template\n");
        assertThatIOException().isThrownBy(() -> SamTemplate.read(template)).withMessageContaining("no Resources");
    }
}
