package health.registration.core.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;

/**
 * What a developer asks the authority for ({@code POST /operator/certificates}, issue 8 part 2), as sent:
 *
 * <pre>
 * {"csr": "-----BEGIN CERTIFICATE REQUEST-----...", "san_uri": "https://app.example.com/udap",
 *  "metadata": {"client_name": ..., "grant_types": ["client_credentials"], ...}}
 * </pre>
 *
 * Nothing is checked here; {@link CertificateRequestReview} reports every problem.
 *
 * @param csr      the PKCS#10 request as text, or null when absent or not a JSON string
 * @param sanUri   the app's unique client URI, its future UDAP {@code iss}, or null when absent or not a string
 * @param metadata the app's registration metadata, or null when absent or not a JSON object
 */
public record CertificateRequest(String csr, String sanUri, ClientMetadata metadata) {

    public static final String CSR = "csr";
    public static final String SAN_URI = "san_uri";
    public static final String METADATA = "metadata";

    /** The members of a request body; a missing member or one of the wrong JSON type is null. */
    public static CertificateRequest fromJson(JsonNode body) {
        JsonNode metadata = body.path(METADATA);
        return new CertificateRequest(text(body, CSR), text(body, SAN_URI),
                metadata.isObject() ? ClientMetadata.of((ObjectNode) metadata).registrable() : null);
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.path(member);
        return value.isTextual() ? value.textValue() : null;
    }
}
