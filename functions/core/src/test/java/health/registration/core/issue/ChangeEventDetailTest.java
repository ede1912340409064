package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.probe.ProbeReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detail of the change events (docs/operations/authorization-server.md, "Change events"): what an authorization
 * server needs, the version the change wrote, and never a secret or a token.
 */
class ChangeEventDetailTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ClientId CLIENT = new ClientId("s6BhdRkqt3_Zz9aQ1xVb-w");
    private static final Instant REGISTERED = Instant.parse("2026-11-28T03:04:05Z");
    private static final Instant CHANGED = REGISTERED.plusSeconds(3_600);
    private static final String SECRET = "cf136dc3c1fc93f31185e5885805d-secret-value";
    private static final String TOKEN = "reg-23410913-abewfq.123483-access-token";
    private static final String TOKEN_HASH = new RegistrationAccessToken(TOKEN).hash();
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:client/s6Bh";
    private static final CertificateBinding CERTIFICATE = new CertificateBinding("https://app.example.org/udap",
            "https://community.example.org", "MIIBkTCB+wIJAKHB", "q2ZcBRDL8o9v6ZbLbF2PuDi1GRjvD3iIXdU1c8XWZ4g");
    private static final CertificateBinding NEW_CERTIFICATE = new CertificateBinding("https://app.example.org/udap",
            "https://community.example.org", "MIIBkjCB/AIJAKHC", "mmx7M4WJ1ZxZXQ1tmFQn3H4Z1Sg4b1k1bqU6Z3Y1Y2M");

    /**
     * Metadata as the worst request could leave it: the members an authorization server needs, others it does not,
     * and the secret and the token themselves, which no event may carry.
     */
    private static ClientMetadata metadata(String clientName) {
        try {
            return ClientMetadata.of((ObjectNode) MAPPER.readTree("""
                    {"client_name": "%s",
                     "redirect_uris": ["https://app.example.org/callback"],
                     "grant_types": ["authorization_code", "refresh_token"],
                     "response_types": ["code"],
                     "token_endpoint_auth_method": "client_secret_basic",
                     "scope": "openid fhirUser patient/*.rs",
                     "jwks_uri": "https://app.example.org/jwks.json",
                     "contacts": ["dev@app.example.org"],
                     "logo_uri": "https://app.example.org/logo.png",
                     "client_secret": "%s",
                     "registration_access_token": "%s"}
                    """.formatted(clientName, SECRET, TOKEN)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClientRecord client(RegistrationPath path, ClientStatus status) {
        Credentials credentials = path == RegistrationPath.UDAP ? Credentials.ofCertificate(CERTIFICATE, REGISTERED)
                : new Credentials(SECRET_ARN, TOKEN_HASH, REGISTERED, 1_800_000_000L,
                        null, new PreviousRegistrationToken(TOKEN_HASH, CHANGED));
        return new ClientRecord(CLIENT, status, metadata("Example Health App"), credentials,
                new UrlChecks(REGISTERED, new ProbeReport(List.of()), REGISTERED.plusSeconds(86_400)), REGISTERED,
                REGISTERED, 4, path);
    }

    /** The event each path's change writes, as the code of that path makes it. */
    private static LifecycleEvent event(String change, ClientRecord client) {
        ProbeReport passed = new ProbeReport(List.of());
        ClientRecord changed = switch (change) {
            case "registered" -> client.withEvent(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING);
            case "updated" -> client.reviewed(metadata("Renamed App"), client.credentials(), passed, CHANGED, CHANGED);
            case "rebound" -> client.reviewed(metadata("Renamed App"), client.credentials().withCertificate(NEW_CERTIFICATE),
                    passed, CHANGED, CHANGED);
            case "deleted" -> client.next(ClientStatus.DELETING, client.metadata(), client.credentials(),
                    client.checks(), CHANGED).withEvent(LifecycleEvent.Type.DELETED, client.status());
            case "suspended" -> client.next(ClientStatus.SUSPENDED, client.metadata(), client.credentials(),
                    client.checks().withEvents(List.of(LifecycleEvent.of(LifecycleEvent.Type.SUSPENDED, client,
                            ClientStatus.SUSPENDED, client.checks(), null, CHANGED))), CHANGED);
            default -> throw new IllegalArgumentException(change);
        };
        return changed.checks().pendingEvents().get(changed.checks().pendingEvents().size() - 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // path | change     | detail type               | client_status | version | secret expiry
            "open   | registered | ClientRegistered          | active        | 4       | 1800000000",
            "manual | registered | ClientRegistered          | active        | 4       | 1800000000",
            "udap   | registered | ClientRegistered          | active        | 4       | ",
            "open   | updated    | ClientUpdated             | active        | 5       | 1800000000",
            "manual | updated    | ClientUpdated             | active        | 5       | 1800000000",
            "udap   | updated    | ClientUpdated             | active        | 5       | ",
            "udap   | rebound    | ClientCertificateRebound  | active        | 5       | ",
            "open   | deleted    | ClientDeleted             | deleting      | 5       | 1800000000",
            "udap   | deleted    | ClientDeleted             | deleting      | 5       | ",
            "open   | suspended  | ClientSuspended           | suspended     | 5       | 1800000000",
            "udap   | suspended  | ClientSuspended           | suspended     | 5       | ",
    })
    void carriesWhatAnAuthorizationServerNeedsAndNeverASecretOrToken(String path, String change, String detailType,
                                                                      String status, long version, Long secretExpiresAt)
            throws Exception {
        LifecycleEvent event = event(change, client(RegistrationPath.ofCode(path), ClientStatus.ACTIVE));

        ObjectNode detail = LifecycleEventJson.detail(event);
        String wire = MAPPER.writeValueAsString(detail);

        assertThat(event.type().detailType()).isEqualTo(detailType);
        assertThat(detail.get("client_id").asText()).isEqualTo(CLIENT.value());
        assertThat(detail.get("registration_path").asText()).isEqualTo(path);
        assertThat(detail.get("client_status").asText()).isEqualTo(status);
        assertThat(detail.get("version").asLong()).isEqualTo(version);
        assertThat(detail.get("changed_at").asText()).isEqualTo((change.equals("registered") ? REGISTERED : CHANGED).toString());
        JsonNode metadata = detail.get("metadata");
        assertThat(metadata.get("redirect_uris").get(0).asText()).isEqualTo("https://app.example.org/callback");
        assertThat(metadata.get("grant_types")).hasSize(2);
        assertThat(metadata.get("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(metadata.get("scope").asText()).isEqualTo("openid fhirUser patient/*.rs");
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo("https://app.example.org/jwks.json");
        assertThat(metadata.get("client_name").asText())
                .isEqualTo(change.equals("updated") || change.equals("rebound") ? "Renamed App" : "Example Health App");
        assertThat(metadata.has("client_secret_expires_at")).isEqualTo(secretExpiresAt != null);
        if (secretExpiresAt != null) {
            assertThat(metadata.get("client_secret_expires_at").asLong()).isEqualTo(secretExpiresAt);
        }
        assertThat(metadata.has("logo_uri")).as("only what an authorization server needs").isFalse();
        assertThat(detail.get("certificate_binding").isNull()).isEqualTo(!path.equals("udap"));
        if (path.equals("udap")) {
            CertificateBinding bound = change.equals("rebound") ? NEW_CERTIFICATE : CERTIFICATE;
            assertThat(detail.get("certificate_binding").get("thumbprint").asText()).isEqualTo(bound.thumbprint());
            assertThat(detail.get("certificate_binding").get("san_uri").asText()).isEqualTo(bound.issuer());
        }
        assertThat(wire).as("no secret, token, token hash or secret location")
                .doesNotContain(SECRET, TOKEN, TOKEN_HASH, SECRET_ARN, "client_secret\"", "registration_access_token");
        assertThat(LifecycleEventJson.read(MAPPER.readTree(wire), detailType)).as("reads back equal").isEqualTo(event);
    }

    @Test
    void aReinstatingUpdateWritesBothEventsWithTheSameVersionAndTheUpdatedState() {
        ClientRecord suspended = client(RegistrationPath.OPEN, ClientStatus.SUSPENDED);

        ClientRecord updated = suspended.reviewed(metadata("Renamed App"), suspended.credentials(),
                new ProbeReport(List.of()), CHANGED, CHANGED);

        assertThat(updated.checks().pendingEvents()).extracting(e -> e.type().detailType(), LifecycleEvent::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ClientReinstated", CLIENT.value() + ":5"),
                        org.assertj.core.groups.Tuple.tuple("ClientUpdated", CLIENT.value() + ":5:updated"));
        assertThat(updated.checks().pendingEvents()).extracting(LifecycleEvent::change).allSatisfy(change -> {
            assertThat(change.version()).isEqualTo(updated.version());
            assertThat(change.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(change.metadata().text("client_name")).contains("Renamed App");
        });
    }

    @Test
    void theVersionIsTheOneTheChangeWrites() {
        ClientRecord client = client(RegistrationPath.OPEN, ClientStatus.ACTIVE);
        ClientRecord updated = client.reviewed(metadata("Renamed App"), client.credentials(), new ProbeReport(List.of()),
                CHANGED, CHANGED);

        assertThat(updated.version()).isEqualTo(client.version() + 1);
        assertThat(updated.checks().pendingEvents()).singleElement()
                .satisfies(event -> assertThat(event.change().version()).isEqualTo(updated.version()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "registration_path | \"private-person\"",
            "registration_path | null",
            "version           | 0",
            "version           | 1.5",
            "version           | \"private-person\"",
    })
    void aMalformedChangeIsRefusedNamingTheMemberWithoutQuotingIt(String member, String value) throws Exception {
        LifecycleEvent event = event("registered", client(RegistrationPath.OPEN, ClientStatus.ACTIVE));
        ObjectNode detail = LifecycleEventJson.detail(event);
        detail.set(member, MAPPER.readTree(value));

        assertThatThrownBy(() -> LifecycleEventJson.read(detail, event.type().detailType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(member)
                .message().doesNotContain("private-person");
    }

    @Test
    void theFirstVersionReadsBack() {
        LifecycleEvent event = event("registered", client(RegistrationPath.OPEN, ClientStatus.ACTIVE));
        ObjectNode detail = LifecycleEventJson.detail(event);
        detail.put("version", 1);

        assertThat(LifecycleEventJson.read(detail, event.type().detailType()).change().version()).isOne();
    }

    @Test
    void anEventWrittenBeforeChangeEventsReadsBackWithoutAChange() {
        LifecycleEvent old = LifecycleEventJsonTest.reinstated();

        LifecycleEvent read = LifecycleEventJson.read(LifecycleEventJson.detail(old), "ClientReinstated");

        assertThat(read.change()).isNull();
        assertThat(read).isEqualTo(old);
    }
}
