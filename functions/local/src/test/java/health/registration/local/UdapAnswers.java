package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks of the UDAP registration answers on the wire (UDAP DCR §5, RFC 7591 §3.2; Inferno x.2.01–x.2.04) and of what
 * moto holds.
 */
final class UdapAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Inferno x.2.04 compares these with the submitted claims as JSON: same type, arrays in the same order. */
    private static final List<String> ECHOED_EXACTLY = List.of("grant_types", "token_endpoint_auth_method");
    private static final List<String> ECHOED_EXACTLY_WITH_CODE = List.of("redirect_uris", "response_types");
    /** STU2 §3.2.3: the statement's JWT claims SHOULD NOT be in the answer. */
    private static final List<String> JWT_CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "jti");

    private UdapAnswers() {}

    /** RFC 7591 §3.2.2 and UDAP DCR §5.2: 400, a JSON body, the error code and a description. */
    static JsonNode assertRefused(HttpResponse<String> answer, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.isObject()).as(answer.body()).isTrue();
        assertThat(body.path("error").asText()).as(answer.body()).isEqualTo(code);
        assertThat(body.path("error_description").asText()).as(answer.body()).isNotBlank();
        return body;
    }

    /**
     * Inferno x.2.03 and x.2.04: the status, a JSON body with a non-blank client_id, the software statement exactly as
     * sent, grant_types and token_endpoint_auth_method (and for authorization_code redirect_uris and response_types)
     * equal to the claims, scope and client_name present; beyond Inferno, every other registration parameter as
     * sent; no secret or registration token (UDAP clients authenticate with their certificate) and no JWT claims.
     */
    static JsonNode assertRegistered(HttpResponse<String> answer, int status, String statement, ObjectNode claims)
            throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("client_id").asText()).as("client_id").isNotBlank();
        assertThat(body.path("software_statement").asText()).as("software_statement").isEqualTo(statement);
        for (String member : ECHOED_EXACTLY) {
            assertThat(body.get(member)).as(member).isEqualTo(claims.get(member));
        }
        boolean code = claims.path("grant_types").toString().contains("authorization_code");
        for (String member : ECHOED_EXACTLY_WITH_CODE) {
            assertThat(body.get(member)).as(member).isEqualTo(code ? claims.get(member) : null);
        }
        assertThat(body.path("scope").asText()).as("scope").isNotBlank();
        assertThat(body.path("client_name").asText()).as("client_name").isNotBlank();
        // UDAP DCR §5.1: beyond Inferno, every registration parameter comes back exactly as sent.
        claims.fieldNames().forEachRemaining(member -> {
            if (!JWT_CLAIMS.contains(member)) {
                assertThat(body.get(member)).as("%s as sent", member).isEqualTo(claims.get(member));
            }
        });
        for (String absent : JWT_CLAIMS) {
            assertThat(body.has(absent)).as("the answer has the JWT claim %s", absent).isFalse();
        }
        assertThat(body.has("client_secret")).as("client_secret").isFalse();
        assertThat(body.has("registration_access_token")).as("registration_access_token").isFalse();
        return body;
    }

    /**
     * UDAP DCR §5.1 ("MUST store the certificate") and IG STU2 §3.4: the client's record binds it to its iss, the
     * trust community, the leaf certificate (base64 DER) and its SHA-256 thumbprint (base64url); it holds no secret.
     */
    static void assertRecordBindsCertificate(EmulatorRecords records, String clientId, UdapClient client)
            throws Exception {
        Map<String, AttributeValue> item = records.clientRecord(clientId).orElseThrow(
                () -> new AssertionError("no client record for " + clientId));
        byte[] der = client.credential().certificate().getEncoded();
        assertThat(item.get("status").s()).isEqualTo("active");
        assertThat(item.get("udapIssuer").s()).as("udapIssuer").isEqualTo(client.iss());
        assertThat(item.get("udapCommunity").s()).as("udapCommunity").isEqualTo(UdapTestPki.COMMUNITY);
        assertThat(item.get("certificate").s()).as("certificate").isEqualTo(Base64.getEncoder().encodeToString(der));
        assertThat(item.get("certificateThumbprint").s()).as("certificateThumbprint").isEqualTo(
                Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
        assertThat(item).as("a UDAP client's record").doesNotContainKeys("secretArn", "tokenHash");
        // The class registers UDAP clients only, so Secrets Manager must hold no secret under its prefix at all.
        assertThat(records.secrets()).as("secrets in Secrets Manager").isEmpty();
    }

    /** The client's stored registration parameters, as JSON. */
    static JsonNode storedMetadata(EmulatorRecords records, String clientId) throws Exception {
        return JSON.readTree(records.clientRecord(clientId).orElseThrow().get("metadata").s());
    }
}
