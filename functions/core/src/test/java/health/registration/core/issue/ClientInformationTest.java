package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientInformationTest {

    private static final ClientId ID = new ClientId("gT4b7Kq2LmN9pR3sVw6XyZ");
    private static final Instant ISSUED = Instant.parse("2025-03-01T09:00:00Z");
    private static final URI CLIENT_URI = URI.create("https://register.example.org/register/" + ID.value());
    private static final ClientSecret SECRET = new ClientSecret("s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t-A");
    private static final RegistrationAccessToken TOKEN = new RegistrationAccessToken("t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-t0k3n-B");

    @Test
    void carriesTheMetadataAndEveryIssuedMemberWhenGivenSecretAndToken() {
        ObjectNode json = new ClientInformation(record(1772355600L), SECRET, TOKEN, CLIENT_URI).toJson();

        assertThat(json.path(ClientInformation.CLIENT_ID).asText()).isEqualTo(ID.value());
        assertThat(json.path(ClientInformation.CLIENT_ID_ISSUED_AT).isIntegralNumber()).isTrue();
        assertThat(json.path(ClientInformation.CLIENT_ID_ISSUED_AT).asLong()).isEqualTo(1740819600L);
        assertThat(json.path(ClientInformation.CLIENT_SECRET).asText()).isEqualTo(SECRET.value());
        assertThat(json.path(ClientInformation.CLIENT_SECRET_EXPIRES_AT).asLong()).isEqualTo(1772355600L);
        assertThat(json.path(ClientInformation.REGISTRATION_ACCESS_TOKEN).asText()).isEqualTo(TOKEN.value());
        assertThat(json.path(ClientInformation.REGISTRATION_CLIENT_URI).asText()).isEqualTo(CLIENT_URI.toString());
        assertThat(json.path("client_name").asText()).isEqualTo("Example App");
        assertThat(json.has("x_vendor_extension")).as("dropped when the stored metadata is read").isFalse();
    }

    @Test
    void leavesOutTheSecretAndTokenWhenNotGivenButKeepsTheirExpiry() {
        ObjectNode json = new ClientInformation(record(0), null, null, CLIENT_URI).toJson();

        assertThat(json.has(ClientInformation.CLIENT_SECRET)).isFalse();
        assertThat(json.has(ClientInformation.REGISTRATION_ACCESS_TOKEN)).isFalse();
        assertThat(json.path(ClientInformation.CLIENT_SECRET_EXPIRES_AT).isIntegralNumber()).isTrue();
        assertThat(json.path(ClientInformation.CLIENT_SECRET_EXPIRES_AT).asLong()).isZero();
        assertThat(json.toString()).doesNotContain(SECRET.value()).doesNotContain(TOKEN.value())
                .doesNotContain(TOKEN.hash()).doesNotContain("arn:");
    }

    @Test
    void leavesOutTheSecretsExpiryWhenNoSecretWasIssued() {
        ClientRecord secretless = new ClientRecord(ID, ClientStatus.ACTIVE, ClientMetadata.of(ValidMetadata.json()).withDefaults(),
                new Credentials(null, TOKEN.hash(), ISSUED, 0), new UrlChecks(ISSUED, null, ISSUED.plusSeconds(86_400)),
                ISSUED, ISSUED, 1);
        ClientRecord udap = new ClientRecord(ID, ClientStatus.ACTIVE, ClientMetadata.of(ValidMetadata.json()),
                Credentials.ofCertificate(new CertificateBinding("https://app.example.com/udap", "urn:example:community",
                        "MAA=", "AA"), ISSUED),
                new UrlChecks(ISSUED, null, ISSUED.plusSeconds(86_400)), ISSUED, ISSUED, 1);

        // RFC 7591 §3.2.1: client_secret_expires_at is REQUIRED only if a client_secret is issued.
        assertThat(new ClientInformation(secretless, null, TOKEN, CLIENT_URI).toJson().has(ClientInformation.CLIENT_SECRET_EXPIRES_AT))
                .isFalse();
        assertThat(new ClientInformation(udap, null, null, CLIENT_URI).toJsonWithChecks().has(ClientInformation.CLIENT_SECRET_EXPIRES_AT))
                .isFalse();
    }

    @Test
    void leavesTheRecordsMetadataUntouched() {
        ClientRecord record = record(0);
        new ClientInformation(record, SECRET, TOKEN, CLIENT_URI).toJson();

        assertThat(record.metadata().names()).doesNotContainAnyElementsOf(ClientInformation.SERVER_MEMBERS);
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource({
        "https://register.example.org,            https://register.example.org/register/gT4b7Kq2LmN9pR3sVw6XyZ",
        "https://register.example.org/,           https://register.example.org/register/gT4b7Kq2LmN9pR3sVw6XyZ",
        "https://api.example.org/dcr,             https://api.example.org/dcr/register/gT4b7Kq2LmN9pR3sVw6XyZ",
        "https://api.example.org/dcr/,            https://api.example.org/dcr/register/gT4b7Kq2LmN9pR3sVw6XyZ",
        "http://localhost:3000,                   http://localhost:3000/register/gT4b7Kq2LmN9pR3sVw6XyZ",
    })
    void buildsTheClientConfigurationEndpointOnThePublicBaseUrl(String base, String expected) {
        assertThat(ClientInformation.registrationClientUri(URI.create(base), ID)).isEqualTo(URI.create(expected));
    }

    @Test
    void namesTheMembersOnlyTheServerSets() {
        assertThat(ClientInformation.SERVER_MEMBERS).containsExactlyInAnyOrder("client_id", "client_secret",
                "client_id_issued_at", "client_secret_expires_at", "registration_access_token", "registration_client_uri",
                "client_status", "url_checks");
    }

    private static ClientRecord record(long secretExpiresAt) {
        ObjectNode metadata = ValidMetadata.json();
        metadata.put("x_vendor_extension", "kept");
        return new ClientRecord(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata).withDefaults(),
                new Credentials("arn:aws:secretsmanager:eu-west-2:000000000000:secret:x", TOKEN.hash(), ISSUED, secretExpiresAt),
                new UrlChecks(ISSUED, null, ISSUED.plusSeconds(86_400)), ISSUED, ISSUED, 2);
    }
}
