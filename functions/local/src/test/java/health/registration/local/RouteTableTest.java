package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final FunctionDefinition ITEMS = FunctionDefinition.of("Items", "a.Items", 3, 128);
    private static final FunctionDefinition NEW_ITEM = FunctionDefinition.of("NewItem", "a.NewItem", 3, 128);
    private static final FunctionDefinition CATCH_ALL = FunctionDefinition.of("CatchAll", "a.CatchAll", 3, 128);
    private static final FunctionDefinition DELETE = FunctionDefinition.of("Delete", "a.Delete", 3, 128);

    private final RouteTable table = new RouteTable(List.of(
            new Route("any", PathTemplate.parse("/{proxy+}"), CATCH_ALL),
            new Route("any", PathTemplate.parse("/items/{id}"), ITEMS),
            new Route("delete", PathTemplate.parse("/items/{id}"), DELETE),
            new Route("get", PathTemplate.parse("/items/new"), NEW_ITEM)));

    @Test
    void literalPathWinsOverVariable() {
        assertThat(table.find("GET", "/items/new")).map(match -> match.route().function()).contains(NEW_ITEM);
    }

    @Test
    void variablePathWinsOverGreedy() {
        RouteTable.Match match = table.find("GET", "/items/7").orElseThrow();
        assertThat(match.route().function()).isEqualTo(ITEMS);
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "7"));
    }

    @Test
    void declaredMethodWinsOverAny() {
        assertThat(table.find("DELETE", "/items/7")).map(match -> match.route().function()).contains(DELETE);
    }

    @Test
    void findsNothingWhenTheMostSpecificResourceLacksTheMethod() {
        assertThat(table.find("POST", "/items/new")).isEmpty();
    }

    @Test
    void anyAnswersMethodsNotDeclared() {
        assertThat(table.find("PUT", "/files/a/b")).map(match -> match.route().function()).contains(CATCH_ALL);
    }

    @Test
    void findsNothingForAnUnroutedPathOrMethod() {
        RouteTable validateOnly = new RouteTable(List.of(new Route("post", PathTemplate.parse("/validate"), ITEMS)));
        assertThat(validateOnly.find("GET", "/validate")).isEmpty();
        assertThat(validateOnly.find("POST", "/nope")).isEmpty();
    }
}
