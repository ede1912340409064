package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedMethodsTest {

    private static ApiRequest request(String method, String resource) {
        return new ApiRequest(method, "/any", Map.of(), Map.of(), Map.of(), null, false, "req", null, null, resource);
    }

    @ParameterizedTest(name = "{0} {1} refused: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            GET     | /register                               | true
            POST    | /register                               | false
            post    | /register                               | false
            PATCH   | /register/{client_id}                   | true
            DELETE  | /register/{client_id}                   | false
            HEAD    | /.well-known/udap                       | true
            OPTIONS | /validate                               | true
            GET     | /operator/clients/{client_id}/suspend   | true
            POST    | /operator/clients/{client_id}/suspend   | false
            PUT     | /crl/{file}                             | true
            PATCH   | /not/a/resource                         | false
            PATCH   | null                                    | false
            """)
    void refusesOnlyAMethodThatAKnownResourceDoesNotAnswer(String method, String resource, boolean refused) {
        assertThat(AllowedMethods.refuses(request(method, resource))).isEqualTo(refused);
    }

    @Test
    void listsTheMethodsOfAResourceInTheOrderTheAllowHeaderGivesThem() {
        assertThat(AllowedMethods.of("/register/{client_id}")).containsExactly("GET", "PUT", "DELETE");
        assertThat(AllowedMethods.of("/nothing")).isEmpty();
        assertThat(AllowedMethods.of(null)).isEmpty();
    }
}
