package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static final FunctionDefinition FUNCTION = FunctionDefinition.of("F", "a.B::handleRequest", 3, 128);

    @Test
    void templateMethodIsCaseInsensitive() {
        Route route = new Route("post", PathTemplate.parse("/validate"), FUNCTION);
        assertThat(route.method()).isEqualTo("POST");
        assertThat(route.match("POST", "/validate")).contains(Map.of());
    }

    @Test
    void refusesOtherMethods() {
        assertThat(new Route("post", PathTemplate.parse("/validate"), FUNCTION).match("GET", "/validate")).isEmpty();
    }

    @Test
    void anyMatchesEveryMethod() {
        Route route = new Route("any", PathTemplate.parse("/files/{proxy+}"), FUNCTION);
        assertThat(route.match("DELETE", "/files/x")).contains(Map.of("proxy", "x"));
        assertThat(route.match("PATCH", "/files/x")).isPresent();
    }

    @Test
    void readsAsMethodAndPath() {
        assertThat(new Route("post", PathTemplate.parse("/validate"), FUNCTION)).hasToString("POST /validate");
    }
}
