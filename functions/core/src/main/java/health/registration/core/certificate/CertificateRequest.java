package health.registration.core.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import java.util.Optional;

/**
 * What a developer asks the authority for ({@code POST /operator/certificates}; docs/api/certificates.md, "2. The
 * certificate"), as sent:
 *
 * <pre>
 * {"csr": "-----BEGIN CERTIFICATE REQUEST-----...", "san_uri": "https://app.example.com/udap",
 *  "developer_id": "dev-4711", "challenge": "&lt;token&gt;",
 *  "metadata": {"client_name": ..., "grant_types": ["client_credentials"], ...}}
 * </pre>
 *
 * Nothing is checked here; {@link CertificateRequestReview} reports every problem.
 *
 * @param csr         the PKCS#10 request as text, or null when absent or not a JSON string
 * @param sanUri      the app's unique client URI, its future UDAP {@code iss}, or null when absent or not a string
 * @param metadata    the app's registration metadata, or null when absent or not a JSON object
 * @param developerId the operator site's opaque id of the developer ({@link DeveloperId}), or null
 * @param challenge   the token of the {@link OwnershipChallenge} the developer answered, or null
 */
public record CertificateRequest(String csr, String sanUri, ClientMetadata metadata, String developerId,
                                 String challenge) {

    public static final String CSR = "csr";
    public static final String SAN_URI = "san_uri";
    public static final String METADATA = "metadata";
    public static final String DEVELOPER_ID = "developer_id";
    public static final String CHALLENGE = "challenge";

    /** The members of a request body; a missing member or one of the wrong JSON type is null. */
    public static CertificateRequest fromJson(JsonNode body) {
        JsonNode metadata = body.path(METADATA);
        return new CertificateRequest(text(body, CSR), text(body, SAN_URI),
                metadata.isObject() ? ClientMetadata.of((ObjectNode) metadata).registrable() : null, text(body, DEVELOPER_ID),
                text(body, CHALLENGE));
    }

    /** The developer id when it is well formed ({@link DeveloperId}), so that it may be logged; else empty. */
    public Optional<String> wellFormedDeveloperId() {
        return DeveloperId.problem(developerId).isEmpty() ? Optional.of(developerId) : Optional.empty();
    }

    /** The same request, proven by the developer's answer to a challenge. */
    public CertificateRequest provenBy(String developer, String token) {
        return new CertificateRequest(csr, sanUri, metadata, developer, token);
    }

    static String text(JsonNode body, String member) {
        JsonNode value = body.path(member);
        return value.isTextual() ? value.textValue() : null;
    }
}
