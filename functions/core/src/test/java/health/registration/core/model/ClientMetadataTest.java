package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void roundTripsThroughJsonKeepingOrder() throws Exception {
        ObjectNode sent = json("{\"client_name\":\"App\",\"client_name#fr\":\"Appli\",\"jwks\":{\"keys\":[]},"
                + "\"redirect_uris\":[\"https://a.example.com/cb\"]}");

        ClientMetadata metadata = ClientMetadata.of(sent);

        assertThat(metadata.toJson()).isEqualTo(sent);
        assertThat(ClientMetadata.of(metadata.toJson()).toJson()).isEqualTo(sent);
        assertThat(metadata.names()).containsExactly("client_name", "client_name#fr", "jwks", "redirect_uris");
    }

    @Test
    void dropsEveryMemberItDoesNotUnderstand() throws Exception {
        // RFC 7591 §2: the server MUST ignore metadata it does not understand; here it is not even kept.
        ObjectNode sent = json("{\"client_name\":\"App\",\"x_extension\":{\"a\":[1,2]},\"jwks_uri#fr\":\"https://a.example.com/k\","
                + "\"client_name#\":\"tag-less\",\"Client_Name\":\"case\",\"id_token_encrypted_response_alg\":\"RSA-OAEP\","
                + "\"client_status\":\"active\",\"redirect_uris\":[\"https://a.example.com/cb\"]}");

        ClientMetadata metadata = ClientMetadata.of(sent);

        assertThat(metadata.names()).containsExactly("client_name", "client_name#", "redirect_uris");
        assertThat(metadata.toJson().has("x_extension")).isFalse();
    }

    @Test
    void keepsRequestMembersForTheirReadersButNeverRegistersThem() throws Exception {
        ObjectNode sent = json("{\"client_name\":\"App\",\"software_statement\":\"a.b.c\",\"udap\":\"1\","
                + "\"certifications\":[],\"client_id\":\"mine\",\"client_secret\":\"s\",\"registration_access_token\":\"t\"}");

        ClientMetadata metadata = ClientMetadata.of(sent);

        assertThat(metadata.names()).containsExactly("client_name", "software_statement", "udap", "certifications",
                "client_id", "client_secret", "registration_access_token");
        assertThat(metadata.registrable().names()).containsExactly("client_name");
    }

    @Test
    void hasAUrlFieldForEveryUrlMemberAndAnArrayLimitForEveryArrayMember() {
        for (MetadataMember member : MetadataMember.values()) {
            boolean url = member.check().kind() == MetadataMember.CheckKind.URL;
            assertThat(java.util.Arrays.stream(UrlField.values()).anyMatch(f -> f.member() == member)).as(member.jsonName()).isEqualTo(url);
            if (member.kind() == MetadataMember.JsonKind.STRING_ARRAY) {
                assertThat(health.registration.core.policy.rules.ArraysWithinLimits.LIMITS).as(member.jsonName()).containsKey(member);
            }
        }
    }

    @Test
    void isNotChangedByLaterChangesToItsSourceOrItsCopies() throws Exception {
        ObjectNode sent = json("{\"client_name\":\"App\"}");
        ClientMetadata metadata = ClientMetadata.of(sent);

        sent.put("client_name", "Changed");
        metadata.toJson().put("client_name", "Changed too");

        assertThat(metadata.text(MetadataMember.CLIENT_NAME)).contains("App");
    }

    @Test
    void readsTextOnlyFromStrings() throws Exception {
        ClientMetadata metadata = ClientMetadata.of(json("{\"client_name\":42,\"client_uri\":\"https://a.example.com\"}"));

        assertThat(metadata.text(MetadataMember.CLIENT_NAME)).isEmpty();
        assertThat(metadata.text(MetadataMember.CLIENT_URI)).contains("https://a.example.com");
    }

    @Test
    void readsArrayEntriesWithTheirIndexSkippingNonStrings() throws Exception {
        ClientMetadata metadata = ClientMetadata.of(json("{\"contacts\":[\"a@example.com\",7,\"b@example.com\"]}"));

        assertThat(metadata.entries(MetadataMember.CONTACTS)).containsExactly(
                new ClientMetadata.Entry(0, "a@example.com", "/contacts/0"),
                new ClientMetadata.Entry(2, "b@example.com", "/contacts/2"));
    }

    @Test
    void neverCoercesAStringIntoAnArray() throws Exception {
        ClientMetadata metadata = ClientMetadata.of(json("{\"redirect_uris\":\"https://a.example.com/cb\",\"grant_types\":\"refresh_token\"}"));

        assertThat(metadata.entries(MetadataMember.REDIRECT_URIS)).isEmpty();
        assertThat(metadata.urls()).isEmpty();
        assertThat(metadata.valuesOrDefault(MetadataMember.GRANT_TYPES, ClientMetadata.DEFAULT_GRANT_TYPES))
                .containsExactly("authorization_code");
    }

    @Test
    void listsEveryUrlWithItsFieldAndPointerRedirectUrisFirst() throws Exception {
        ClientMetadata metadata = ClientMetadata.of(json("{\"logo_uri#fr\":\"https://a.example.com/fr.png\",\"client_uri\":\"https://a.example.com\","
                + "\"redirect_uris\":[\"https://a.example.com/cb\",\"\"],\"logo_uri\":\"https://a.example.com/l.png\",\"redirect_uris#fr\":\"x\"}"));

        assertThat(metadata.urls()).extracting(UrlMember::field, UrlMember::pointer).containsExactly(
                org.assertj.core.groups.Tuple.tuple(UrlField.REDIRECT_URI, "/redirect_uris/0"),
                org.assertj.core.groups.Tuple.tuple(UrlField.CLIENT_URI, "/client_uri"),
                org.assertj.core.groups.Tuple.tuple(UrlField.LOGO_URI, "/logo_uri#fr"),
                org.assertj.core.groups.Tuple.tuple(UrlField.LOGO_URI, "/logo_uri"));
    }

    @Test
    void findsLanguageTaggedVariantsOnlyOfTaggableMembers() throws Exception {
        ClientMetadata metadata = ClientMetadata.of(json("{\"client_name\":\"A\",\"client_name#fr\":\"B\",\"contacts#fr\":[]}"));

        assertThat(metadata.variantNames(MetadataMember.CLIENT_NAME)).containsExactly("client_name", "client_name#fr");
        assertThat(metadata.variantNames(MetadataMember.CONTACTS)).isEmpty();
        assertThat(MetadataMember.forName("contacts#fr")).isEmpty();
        assertThat(MetadataMember.forName("client_name#fr")).contains(MetadataMember.CLIENT_NAME);
    }

    /** RFC 7591 §2 defaults; response_types follow the grants (§2.1): none without the authorization code flow. */
    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # sent                                                                     | grant_types                    | response_types | token_endpoint_auth_method | reason
        {}                                                                         | ["authorization_code"]         | ["code"]       | client_secret_basic        | nothing sent: every default
        {"grant_types":["authorization_code","refresh_token"]}                     | ["authorization_code","refresh_token"] | ["code"] | client_secret_basic    | refresh_token beside authorization_code
        {"grant_types":["client_credentials"]}                                     | ["client_credentials"]         | []             | client_secret_basic        | no response type without authorization_code
        {"grant_types":["client_credentials","authorization_code"]}                | ["client_credentials","authorization_code"] | ["code"] | client_secret_basic | code while authorization_code is among the grants
        {"grant_types":[]}                                                         | []                             | []             | client_secret_basic        | an empty array is kept (the policy refuses it)
        {"grant_types":["client_credentials"],"response_types":["code"]}           | ["client_credentials"]         | ["code"]       | client_secret_basic        | what was sent is never replaced
        {"token_endpoint_auth_method":"none"}                                      | ["authorization_code"]         | ["code"]       | none                       | a public client
        {"grant_types":"client_credentials"}                                       | "client_credentials"           | ["code"]       | client_secret_basic        | a string is no array of grants: the default grant's response type
        """)
    void writesTheDefaultsOutWithResponseTypesThatFollowTheGrants(String sent, String grantTypes, String responseTypes,
                                                                   String method, String reason) throws Exception {
        ObjectNode registered = ClientMetadata.of(json(sent)).withDefaults().toJson();

        assertThat(registered.get("grant_types")).isEqualTo(JSON.readTree(grantTypes));
        assertThat(registered.get("response_types")).isEqualTo(JSON.readTree(responseTypes));
        assertThat(registered.get("token_endpoint_auth_method").textValue()).isEqualTo(method);
    }
}
