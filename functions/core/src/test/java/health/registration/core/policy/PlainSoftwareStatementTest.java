package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7591 §2.3 and §3.1.1: outside UDAP, a software statement is invalid or unapproved, never invalid metadata. */
class PlainSoftwareStatementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A statement by name: the JWS is never verified here, only read. */
    private static String statement(String name) {
        String claims = part("{\"iss\":\"https://issuer.example.org\",\"software_id\":\"app\"}");
        return switch (name) {
            case "hs256" -> part("{\"alg\":\"HS256\"}") + "." + claims + ".c2ln";
            case "rs256 without x5c" -> part("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + claims + ".c2ln";
            case "rs256 with x5c" -> part("{\"alg\":\"RS256\",\"x5c\":[\"MIIBIjAN\"]}") + "." + claims + ".c2ln";
            case "unsecured" -> part("{\"alg\":\"none\"}") + "." + claims + ".";
            case "two parts" -> part("{\"alg\":\"RS256\"}") + "." + claims;
            case "header not json" -> part("not json") + "." + claims + ".c2ln";
            case "too long" -> part("{\"alg\":\"HS256\"}") + "." + "A".repeat(70_000) + ".c2ln";
            default -> name;
        };
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # statement           | udap member | asks for UDAP | code                          | reason
        hs256                 |             | false         | UNAPPROVED_SOFTWARE_STATEMENT | a MACed statement of another issuer
        rs256 without x5c     |             | false         | UNAPPROVED_SOFTWARE_STATEMENT | a signed statement of another issuer
        rs256 with x5c        |             | true          | UNAPPROVED_SOFTWARE_STATEMENT | the UDAP form: the UDAP path answers
        rs256 without x5c     | 1           | true          | UNAPPROVED_SOFTWARE_STATEMENT | udap sent: the UDAP path answers
        unsecured             |             | false         | INVALID_SOFTWARE_STATEMENT    | RFC 7591 §2.3: signed or MACed
        two parts             |             | false         | INVALID_SOFTWARE_STATEMENT    | no JWS
        header not json       |             | false         | INVALID_SOFTWARE_STATEMENT    | an unreadable header
        not-a-jwt             |             | false         | INVALID_SOFTWARE_STATEMENT    | text
        too long              |             | false         | INVALID_SOFTWARE_STATEMENT    | longer than a request body
        """)
    void judgesAStatementOutsideUdap(String name, String udap, boolean asksForUdap, RegistrationErrorCode code, String reason) {
        ObjectNode body = JSON.createObjectNode().put("client_name", "App").put("software_statement", statement(name));
        if (udap != null) {
            body.put("udap", udap);
        }
        ClientMetadata metadata = ClientMetadata.of(body);

        assertThat(PlainSoftwareStatement.asksForUdap(metadata)).isEqualTo(asksForUdap);
        Optional<RegistrationError> refusal = PlainSoftwareStatement.refusal(metadata);
        assertThat(refusal).hasValueSatisfying(error -> {
            assertThat(error.error()).isEqualTo(code);
            assertThat(error.errors()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("/software_statement"));
            assertThat(error.description()).startsWith("software_statement").doesNotContain("issuer.example.org");
        });
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
        42                      | a number
        ["a.b.c"]               | an array
        """)
    void refusesAStatementThatIsNoStringAsInvalid(String value, String reason) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.set("software_statement", JSON.readTree(value));

        assertThat(PlainSoftwareStatement.refusal(ClientMetadata.of(body)))
                .hasValueSatisfying(error -> assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT));
        assertThat(PlainSoftwareStatement.udapOff(ClientMetadata.of(body.put("udap", "1"))).error())
                .isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        rs256 with x5c | UNAPPROVED_SOFTWARE_STATEMENT | a UDAP statement while UDAP is off
        not-a-jwt      | INVALID_SOFTWARE_STATEMENT    | text while UDAP is off
        """)
    void refusesWhileUdapIsOff(String name, RegistrationErrorCode code, String reason) {
        ObjectNode body = JSON.createObjectNode().put("software_statement", statement(name)).put("udap", "1");

        assertThat(PlainSoftwareStatement.udapOff(ClientMetadata.of(body)).error()).isEqualTo(code);
    }

    @org.junit.jupiter.api.Test
    void hasNothingToSayWithoutAStatement() {
        assertThat(PlainSoftwareStatement.refusal(ClientMetadata.of(JSON.createObjectNode().put("client_name", "App")))).isEmpty();
    }
}
