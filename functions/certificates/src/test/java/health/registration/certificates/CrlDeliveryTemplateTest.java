package health.registration.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.testkit.TemplateTable;
import org.junit.jupiter.api.Test;

/**
 * API Gateway turns a base64 answer into bytes only when the request's first Accept type is a binary media type; CRL
 * fetchers send {@code *}{@code /*} or nothing, so the API must treat every type as binary for the DER CRL to arrive.
 */
class CrlDeliveryTemplateTest {

    @Test
    void theApiTreatsEveryMediaTypeAsBinarySoTheDerCrlArrivesWhateverTheFetcherAccepts() {
        JsonNode api = TemplateTable.resources().path("RegistrationApi").path("Properties");

        assertThat(api.path("BinaryMediaTypes")).extracting(JsonNode::asText).containsExactly("*~1*");
    }
}
