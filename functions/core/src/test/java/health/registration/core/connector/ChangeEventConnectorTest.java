package health.registration.core.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientChange;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryAuthorizationServerClients;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestPki;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventConnectorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SECRET = "s3cr3t-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientId ID = SequentialIdSource.clientId(1);

    private final InMemoryAuthorizationServerClients server = new InMemoryAuthorizationServerClients();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryClientStore registry = new InMemoryClientStore();
    private final ChangeEventConnector connector = new ChangeEventConnector(registry, server, secrets);

    static ClientRecord record(ClientId id, ClientStatus status, ClientMetadata metadata, long version) {
        return new ClientRecord(id, status, metadata,
                new Credentials("arn:secret:" + id.value(), "hash", T0, 0), new UrlChecks(null, null, T0), T0, T0,
                version);
    }

    /** The registry holds this record now (whatever it held before). */
    private void registryHolds(ClientRecord record) {
        registry.find(record.clientId()).ifPresent(held -> registry.delete(held.clientId(), held.version()));
        registry.create(record);
    }

    /** The registry holds the record, and an event of it arrives. */
    private ConnectorOutcome applyRegistered(ClientRecord record) {
        registryHolds(record);
        return connector.apply(LifecycleEvent.changed(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING, record));
    }

    /** An event of the client as it was at {@code version} (the status the event's type implies). */
    private static LifecycleEvent event(LifecycleEvent.Type type, long version) {
        ClientStatus status = switch (type) {
            case SUSPENDED -> ClientStatus.SUSPENDED;
            case DELETED -> ClientStatus.DELETING;
            case URL_CHECK_FAILED -> ClientStatus.WARNING;
            default -> ClientStatus.ACTIVE;
        };
        return LifecycleEvent.changed(type, ClientStatus.ACTIVE, record(ID, status, ValidMetadata.metadata(), version));
    }

    // Each row: what the registry holds now (status@version, or "gone" once the client is deleted), what the server
    // holds before ("none", or enabled/disabled at a version), the event that arrives and its version, and what the
    // server holds after. The event is a trigger: the registry's current state is what gets written, so an older
    // event never overwrites a newer state, and nothing brings back a deleted client.
    @ParameterizedTest(name = "registry {0}, server {1}, {2} v{3}: {4}")
    @CsvSource({
            "ACTIVE@2,    none,       REGISTERED,          2, enabled@2,  a registration creates the client",
            "ACTIVE@5,    enabled@2,  UPDATED,             5, enabled@5,  an update replaces it",
            "ACTIVE@5,    enabled@2,  CERTIFICATE_REBOUND, 5, enabled@5,  a rebinding replaces it",
            "SUSPENDED@6, enabled@2,  SUSPENDED,           6, disabled@6, a suspension disables it",
            "ACTIVE@7,    disabled@6, REINSTATED,          7, enabled@7,  a reinstatement enables it",
            "WARNING@3,   enabled@2,  URL_CHECK_FAILED,    3, enabled@3,  a client in warning still gets tokens",
            "gone,        enabled@2,  DELETED,             8, none,       a deletion removes it",
            "DELETING@8,  enabled@2,  DELETED,             8, none,       a deletion still in progress removes it",
            "gone,        none,       DELETED,             8, none,       a deletion of a client never seen removes nothing",
            "ACTIVE@5,    enabled@5,  UPDATED,             5, enabled@5,  a repeat changes nothing",
            "ACTIVE@7,    enabled@7,  SUSPENDED,           6, enabled@7,  an older suspension never undoes a reinstatement",
            "ACTIVE@8,    enabled@8,  REGISTERED,          2, enabled@8,  a late registration never overwrites an update",
            "ACTIVE@9,    enabled@4,  SUSPENDED,           6, enabled@9,  a late older event writes the newest state",
            "gone,        none,       REGISTERED,          2, none,       a registration arriving after the deletion never brings it back",
            "gone,        none,       UPDATED,             7, none,       an update arriving after the deletion never brings it back",
            "gone,        none,       REINSTATED,          7, none,       a reinstatement arriving after the deletion never brings it back",
            "ACTIVE@8,    enabled@8,  DELETED,             7, enabled@8,  a deletion the registry does not show removes nothing",
            "SUSPENDED@6, none,       SUSPENDED,           6, disabled@6, a suspension of a client the server lost recreates it disabled",
    })
    void writesTheRegistrysCurrentStateUnlessTheServerHoldsItAlready(String now, String before,
            LifecycleEvent.Type type, long version, String after, String reason) {
        secrets.create(ID, new ClientSecret(SECRET));
        if (!before.equals("none")) {
            String[] held = before.split("@");
            ClientRecord earlier = record(ID, held[0].equals("enabled") ? ClientStatus.ACTIVE : ClientStatus.SUSPENDED,
                    ValidMetadata.metadata(), Long.parseLong(held[1]));
            connector.write(ID, ClientChange.of(earlier));
        }
        if (!now.equals("gone")) {
            String[] current = now.split("@");
            registryHolds(record(ID, ClientStatus.valueOf(current[0]), ValidMetadata.metadata(),
                    Long.parseLong(current[1])));
        }

        connector.apply(event(type, version));

        String held = server.held(ID.value()).map(c -> (c.enabled() ? "enabled@" : "disabled@") + c.version())
                .orElse("none");
        assertThat(held).as(reason).isEqualTo(after);
    }

    @Test
    void answersWhatItDidForALogLine() {
        secrets.create(ID, new ClientSecret(SECRET));
        registryHolds(record(ID, ClientStatus.ACTIVE, ValidMetadata.metadata(), 4));

        assertThat(connector.apply(event(LifecycleEvent.Type.UPDATED, 4)))
                .isEqualTo(new ConnectorOutcome.Written(ID.value(), 4, true));
        assertThat(connector.apply(event(LifecycleEvent.Type.REGISTERED, 2)))
                .isEqualTo(new ConnectorOutcome.Stale(ID.value(), 4, 4));
        registry.delete(ID, 4);
        assertThat(connector.apply(event(LifecycleEvent.Type.DELETED, 5)))
                .isEqualTo(new ConnectorOutcome.Removed(ID.value(), 5));
        assertThat(connector.apply(event(LifecycleEvent.Type.UPDATED, 4)))
                .isEqualTo(new ConnectorOutcome.Absent(ID.value(), 4));
    }

    @Test
    void writesTheIssuedSecretRedirectUrisAndGrants() {
        secrets.create(ID, new ClientSecret(SECRET));
        ObjectNode metadata = ValidMetadata.json();
        metadata.putArray("grant_types").add("authorization_code").add("refresh_token");
        metadata.put("token_endpoint_auth_method", "client_secret_post");

        ConnectorOutcome outcome = applyRegistered(record(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata), 2));

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Written(ID.value(), 2, true));
        AuthorizationServerClient held = server.held(ID.value()).orElseThrow();
        assertThat(held.authentication()).isEqualTo(ClientAuthentication.CLIENT_SECRET_POST);
        assertThat(held.secret()).contains(SECRET);
        assertThat(held.redirectUris()).containsExactly("https://app.example.com/callback");
        assertThat(held.grantTypes()).isEqualTo(Set.of("authorization_code", "refresh_token"));
        assertThat(outcome.toString()).doesNotContain(SECRET);
    }

    @Test
    void defaultsToClientSecretBasicAndTheAuthorizationCodeGrant() {
        secrets.create(ID, new ClientSecret(SECRET));

        applyRegistered(record(ID, ClientStatus.ACTIVE, ValidMetadata.metadata(), 2));

        AuthorizationServerClient held = server.held(ID.value()).orElseThrow();
        assertThat(held.authentication()).as("RFC 7591 §2 default").isEqualTo(ClientAuthentication.CLIENT_SECRET_BASIC);
        assertThat(held.grantTypes()).containsExactly("authorization_code");
    }

    @Test
    void aPublicClientNeedsNoSecret() {
        ObjectNode metadata = ValidMetadata.json().put("token_endpoint_auth_method", "none");

        ConnectorOutcome outcome = applyRegistered(record(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata), 2));

        assertThat(outcome).isInstanceOf(ConnectorOutcome.Written.class);
        assertThat(server.held(ID.value()).orElseThrow().secret()).isEmpty();
    }

    @Test
    void aMissingSecretIsReportedForARetryAndWritesNothing() {
        ConnectorOutcome outcome = applyRegistered(record(ID, ClientStatus.ACTIVE, ValidMetadata.metadata(), 2));

        assertThat(outcome).isEqualTo(new ConnectorOutcome.SecretMissing(ID.value(), 2));
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void aPrivateKeyJwtClientGetsItsRegisteredKeys() throws Exception {
        ObjectNode metadata = ValidMetadata.json().put("token_endpoint_auth_method", "private_key_jwt");
        metadata.set("jwks", JSON.readTree("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}"));

        applyRegistered(record(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata), 2));

        AuthorizationServerClient held = server.held(ID.value()).orElseThrow();
        assertThat(held.authentication()).isEqualTo(ClientAuthentication.PRIVATE_KEY_JWT);
        assertThat(JSON.readTree(held.jwks().orElseThrow())).isEqualTo(metadata.get("jwks"));
    }

    @Test
    void aUdapClientGetsItsCertificateKey() throws Exception {
        TestCredential leaf = TestPki.create("connector").rsaLeaf("https://app.example.com/udap");
        String der = Base64.getEncoder().encodeToString(leaf.certificate().getEncoded());
        ObjectNode metadata = ValidMetadata.json().put("token_endpoint_auth_method", "private_key_jwt");
        metadata.putArray("grant_types").add("client_credentials");
        ClientRecord udap = new ClientRecord(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata),
                Credentials.ofCertificate(new CertificateBinding("https://app.example.com/udap",
                        "https://community.example.org", der, "thumbprint"), T0),
                new UrlChecks(null, null, T0), T0, T0, 2);

        applyRegistered(udap);

        AuthorizationServerClient held = server.held(ID.value()).orElseThrow();
        assertThat(held.jwks()).contains(CertificateKeySet.of(der).orElseThrow());
        assertThat(held.secret()).isEmpty();
    }

    // Each row: a client that cannot be given to the server as it is, and why.
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"token_endpoint_auth_method\": \"tls_client_auth\"}                                 | a method the server is not told about",
            "{\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks_uri\": \"https://app.example.com/jwks\"} | keys only by reference",
    })
    void aClientTheConnectorCannotExpressIsUnsupported(String members, String reason) throws Exception {
        ObjectNode metadata = ValidMetadata.json();
        metadata.setAll((ObjectNode) JSON.readTree(members));

        ConnectorOutcome outcome = applyRegistered(record(ID, ClientStatus.ACTIVE, ClientMetadata.of(metadata), 2));

        assertThat(outcome).as(reason).isInstanceOf(ConnectorOutcome.Unsupported.class);
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void anEventWithoutClientStateStillAppliesTheRegistrysState() {
        secrets.create(ID, new ClientSecret(SECRET));
        registryHolds(record(ID, ClientStatus.SUSPENDED, ValidMetadata.metadata(), 3));
        LifecycleEvent old = new LifecycleEvent(ID.value() + ":3", LifecycleEvent.Type.SUSPENDED, ID, null, List.of(),
                T0, ClientStatus.ACTIVE, ClientStatus.SUSPENDED, 0, null, null, List.of());

        assertThat(connector.apply(old)).isEqualTo(new ConnectorOutcome.Written(ID.value(), 3, false));
    }
}
