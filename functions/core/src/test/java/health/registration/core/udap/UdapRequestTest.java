package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The envelope of a UDAP registration request (IG STU2 §3.1): udap "1", a software_statement, certifications as an
 * array of JWTs when sent. Checked before the statement itself is verified.
 */
class UdapRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # body (JSON)                                                          | field               | code                       | UDAP request | reason
        {"udap": "1", "software_statement": "a.b.c"}                           |                     |                            | true         | udap 1 and a statement
        {"udap": "1", "software_statement": "a.b.c", "certifications": []}     |                     |                            | true         | no certifications
        {"udap": "1", "software_statement": "a.b.c", "certifications": ["x"]}  |                     |                            | true         | one certification
        {"udap": "2", "software_statement": "a.b.c"}                           | /udap               | INVALID_CLIENT_METADATA    | true         | another UDAP version
        {"udap": 1, "software_statement": "a.b.c"}                             | /udap               | INVALID_CLIENT_METADATA    | true         | the version as a number
        {"udap": "1"}                                                          | /software_statement | INVALID_SOFTWARE_STATEMENT | true         | no statement
        {"udap": "1", "software_statement": "  "}                              | /software_statement | INVALID_SOFTWARE_STATEMENT | true         | a blank statement
        {"udap": "1", "software_statement": ""}                                | /software_statement | INVALID_SOFTWARE_STATEMENT | true         | an empty statement
        {"udap": "1", "software_statement": "a.b.c", "certifications": "x"}    | /certifications     | INVALID_CLIENT_METADATA    | true         | certifications as a string
        {"udap": "1", "software_statement": "a.b.c", "certifications": [1]}    | /certifications     | INVALID_CLIENT_METADATA    | true         | a certification that is no string
        {"software_statement": "a.b.c"}                                        | /udap               | INVALID_CLIENT_METADATA    | false        | a statement that is no JWS, without udap: no UDAP request
        {"client_name": "x"}                                                   | /udap               | INVALID_CLIENT_METADATA    | false        | neither
        """)
    void checksTheEnvelope(String body, String field, RegistrationErrorCode code, boolean udap, String reason)
            throws Exception {
        ClientMetadata metadata = ClientMetadata.of((ObjectNode) JSON.readTree(body));

        assertThat(UdapRequest.isUdap(metadata)).as(reason).isEqualTo(udap);
        var problem = new UdapRequest(metadata).problem();
        if (field == null) {
            assertThat(problem).as(reason).isEmpty();
        } else {
            assertThat(problem).as(reason).get().extracting(RegistrationError::errors).asList().singleElement()
                    .satisfies(v -> {
                        assertThat(((Violation) v).field()).isEqualTo(field);
                        assertThat(((Violation) v).code()).isEqualTo(code);
                    });
        }
    }
}
