package health.registration.adapters.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.ClientAuthentication;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeycloakClientRepresentationTest {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"x\",\"y\":\"y\"}]}";

    @ParameterizedTest(name = "{0} {1} -> public={2} standard={3} service={4} authenticator={5}")
    @CsvSource(delimiter = '|', value = {
        // method            | grant types                            | public | standard | service | authenticator
        "client_secret_basic | authorization_code                     | false  | true     | false   | client-secret",
        "client_secret_post  | authorization_code refresh_token       | false  | true     | false   | client-secret",
        "client_secret_basic | client_credentials                     | false  | false    | true    | client-secret",
        "client_secret_basic | authorization_code client_credentials  | false  | true     | true    | client-secret",
        // a public client: Keycloak gives service accounts to confidential clients only
        "none                | authorization_code                     | true   | true     | false   | client-secret",
        "none                | client_credentials                     | true   | false    | false   | client-secret",
        // UDAP and manual key-based clients sign a client assertion (RFC 7523 §2.2)
        "private_key_jwt     | client_credentials                     | false  | false    | true    | client-jwt",
        "private_key_jwt     | authorization_code                     | false  | true     | false   | client-jwt",
    })
    void mapsGrantTypesAndAuthenticationToKeycloakFlows(String method, String grantTypes, boolean publicClient,
            boolean standardFlow, boolean serviceAccounts, String authenticator) {
        ObjectNode representation = KeycloakClientRepresentation.of(client(method, grantTypes, true));

        assertThat(representation.path("publicClient").asBoolean()).isEqualTo(publicClient);
        assertThat(representation.path("standardFlowEnabled").asBoolean()).isEqualTo(standardFlow);
        assertThat(representation.path("serviceAccountsEnabled").asBoolean()).isEqualTo(serviceAccounts);
        assertThat(representation.path("clientAuthenticatorType").asText()).isEqualTo(authenticator);
        assertThat(representation.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(representation.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(representation.path("attributes").path("use.refresh.tokens").asText())
                .isEqualTo(Boolean.toString(grantTypes.contains("refresh_token")));
    }

    @ParameterizedTest
    @CsvSource({"client_secret_basic, true", "client_secret_post, true", "none, false", "private_key_jwt, false"})
    void carriesTheIssuedSecretOnlyForSecretMethods(String method, boolean withSecret) {
        JsonNode representation = KeycloakClientRepresentation.of(client(method, "client_credentials", true));

        assertThat(representation.has("secret")).isEqualTo(withSecret);
        if (withSecret) {
            assertThat(representation.path("secret").asText()).isEqualTo("the-issued-secret");
        }
    }

    @Test
    void carriesTheClientsKeysForPrivateKeyJwt() {
        JsonNode attributes = KeycloakClientRepresentation.of(client("private_key_jwt", "client_credentials", true))
                .path("attributes");

        assertThat(attributes.path("use.jwks.string").asText()).isEqualTo("true");
        assertThat(attributes.path("jwks.string").asText())
                .isEqualTo("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"x\",\"y\":\"y\",\"use\":\"sig\"}]}");
        assertThat(attributes.path("use.jwks.url").asText()).isEqualTo("false");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Keycloak checks assertions with "sig" keys only; RFC 7517 §4.2 makes use optional
        "{\"keys\":[{\"kid\":\"a\"}]}                 | {\"keys\":[{\"kid\":\"a\",\"use\":\"sig\"}]}",
        "{\"keys\":[{\"kid\":\"a\",\"use\":\"enc\"}]} | {\"keys\":[{\"kid\":\"a\",\"use\":\"enc\"}]}",
        "{\"keys\":[{\"kid\":\"a\",\"use\":\"sig\"}]} | {\"keys\":[{\"kid\":\"a\",\"use\":\"sig\"}]}",
        "{\"keys\":[]}                               | {\"keys\":[]}",
        "not json                                   | not json",
    })
    void marksKeysWithoutAUseForSignatures(String jwks, String expected) {
        assertThat(KeycloakClientRepresentation.signatureKeys(jwks)).isEqualTo(expected);
    }

    @Test
    void clearsKeysLeftByAnEarlierRegistration() {
        JsonNode attributes = KeycloakClientRepresentation.of(client("client_secret_basic", "client_credentials", true))
                .path("attributes");

        assertThat(attributes.path("use.jwks.string").asText()).isEqualTo("false");
        assertThat(attributes.path("jwks.string").asText()).isEmpty();
    }

    @Test
    void carriesIdRedirectUrisStatusAndTheMark() {
        ObjectNode representation = KeycloakClientRepresentation.of(client("none", "authorization_code", false));

        assertThat(representation.path("clientId").asText()).isEqualTo("c-1");
        assertThat(representation.path("enabled").asBoolean()).isFalse();
        assertThat(representation.path("redirectUris").toString())
                .isEqualTo("[\"https://app.example/cb\",\"https://app.example/other\"]");
        assertThat(KeycloakClientRepresentation.isManaged(representation)).isTrue();
    }

    @Test
    void carriesTheRegistryVersionAndReadsItBack() {
        AuthorizationServerClient at = client("client_secret_basic", "client_credentials", true);
        ObjectNode representation = KeycloakClientRepresentation.of(new AuthorizationServerClient(at.clientId(),
                at.authentication(), at.secret(), at.jwks(), at.redirectUris(), at.grantTypes(), false, 42));

        assertThat(representation.path("attributes").path(KeycloakClientRepresentation.VERSION_ATTRIBUTE).asText())
                .isEqualTo("42");
        assertThat(KeycloakClientRepresentation.listed(representation))
                .isEqualTo(new AuthorizationServerClient.Listed("c-1", false, 42));
        representation.withObject("attributes").remove(KeycloakClientRepresentation.VERSION_ATTRIBUTE);
        assertThat(KeycloakClientRepresentation.version(representation)).as("written before versions").isZero();
    }

    @Test
    void leavesKeycloaksOwnClientsUnmarked() {
        ObjectNode adminCli = new ObjectMapper().createObjectNode()
                .put("clientId", "admin-cli");
        adminCli.putObject("attributes");

        assertThat(KeycloakClientRepresentation.isManaged(adminCli)).isFalse();
    }

    private static AuthorizationServerClient client(String method, String grantTypes, boolean enabled) {
        ClientAuthentication authentication = ClientAuthentication.fromWireName(method).orElseThrow();
        return new AuthorizationServerClient("c-1", authentication,
                authentication.usesSecret() ? Optional.of("the-issued-secret") : Optional.empty(),
                authentication == ClientAuthentication.PRIVATE_KEY_JWT ? Optional.of(JWKS) : Optional.empty(),
                List.of("https://app.example/cb", "https://app.example/other"),
                Set.copyOf(Arrays.asList(grantTypes.split(" "))), enabled);
    }
}
