package health.registration.core.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryOperatorAudit;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.MutableClock;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestPki;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorityClientsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T21:00:00Z");
    private static final String CALLER = "arn:aws:iam::123456789012:role/authorization-server";
    private static final String SECRET = "s3cr3t-0123456789abcdefghijklmnopqrstuvwxyz";

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryClientStore clients = new InMemoryClientStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final InMemoryOperatorAudit audit = new InMemoryOperatorAudit();
    private final AuthorityClients authority = new AuthorityClients(clients, secrets, audit, clock);

    private ClientRecord withSecret(int n, ClientStatus status, long secretExpiresAt) {
        ClientId id = SequentialIdSource.clientId(n);
        String arn = secrets.create(id, new ClientSecret(SECRET));
        ClientRecord record = new ClientRecord(id, status, ValidMetadata.metadata(),
                new Credentials(arn, "hash-" + n, T0, secretExpiresAt), new UrlChecks(null, null, T0), T0, T0, 1);
        clients.create(record);
        return record;
    }

    // Each row: the client's status, its secret's expiry (seconds from T0; 0 never), the secret presented, and
    // whether the check passes.
    @ParameterizedTest(name = "{0}, expiry {1}, presented {2}: {3}")
    @CsvSource({
            "ACTIVE,    0,    right, true,  the registered secret of an active client",
            "WARNING,   0,    right, true,  a client in warning still works (its URLs are being checked again)",
            "ACTIVE,    0,    wrong, false, another secret",
            "ACTIVE,    0,    short, false, a prefix of the secret",
            "SUSPENDED, 0,    right, false, a suspended client may not be issued tokens",
            "ACTIVE,    3600, right, true,  a secret before its expiry",
            "ACTIVE,    -1,   right, false, a secret past client_secret_expires_at",
            "PENDING,   0,    right, false, a registration that never completed is not visible",
            "DELETING,  0,    right, false, a client being deleted is not visible",
    })
    void checksAPresentedSecret(ClientStatus status, long expiresIn, String presented, boolean valid, String reason) {
        ClientRecord client = withSecret(1, status, expiresIn == 0 ? 0 : T0.getEpochSecond() + expiresIn);
        String secret = switch (presented) {
            case "right" -> SECRET;
            case "short" -> SECRET.substring(0, 10);
            default -> "not-the-secret-0123456789abcdefghijklmnopqrst";
        };

        assertThat(authority.verifySecret(client.clientId().value(), secret, CALLER)).as(reason).isEqualTo(valid);
        assertThat(audit.actions()).extracting(OperatorAction::action, OperatorAction::caller)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuthorityClients.VERIFY_SECRET, CALLER));
    }

    @Test
    void noSecretIsValidForAnUnknownClientOrOneWithoutASecret() {
        assertThat(authority.verifySecret(SequentialIdSource.clientId(9).value(), SECRET, CALLER)).isFalse();
        assertThat(authority.verifySecret("not a client id", SECRET, CALLER)).isFalse();
        ClientRecord publicClient = new ClientRecord(SequentialIdSource.clientId(2), ClientStatus.ACTIVE,
                ValidMetadata.metadata(), new Credentials(null, "hash", T0, 0), new UrlChecks(null, null, T0), T0, T0, 1);
        clients.create(publicClient);
        assertThat(authority.verifySecret(publicClient.clientId().value(), SECRET, CALLER)).isFalse();
        assertThat(((AuthorityRead.Shown) authority.read(publicClient.clientId().value(), CALLER)).client()
                .has("client_secret_expires_at")).as("no secret issued, no expiry").isFalse();
        ClientRecord lost = withSecret(3, ClientStatus.ACTIVE, 0);
        secrets.scheduleDeletion(lost.clientId());
        assertThat(authority.verifySecret(lost.clientId().value(), SECRET, CALLER)).as("secret gone").isFalse();

        assertThat(audit.actions()).filteredOn(a -> a.action().equals(AuthorityClients.VERIFY_SECRET))
                .extracting(OperatorAction::outcome).containsExactly(OperatorAction.NOT_FOUND,
                OperatorAction.NOT_FOUND, AuthorityClients.INVALID, AuthorityClients.INVALID);
    }

    @Test
    void auditsAValidCheckWithoutTheSecret() {
        ClientRecord client = withSecret(1, ClientStatus.ACTIVE, 0);

        authority.verifySecret(client.clientId().value(), SECRET, CALLER);

        assertThat(audit.actions()).singleElement().satisfies(action -> {
            assertThat(action.outcome()).isEqualTo(AuthorityClients.VALID);
            assertThat(action.subject()).isEqualTo(client.clientId().value());
            assertThat(action.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void readsWhatATokenEndpointNeedsWithDefaultsAndNeverTheSecret() {
        ClientRecord client = withSecret(1, ClientStatus.SUSPENDED, T0.getEpochSecond() + 3600);

        AuthorityRead read = authority.read(client.clientId().value(), CALLER);

        JsonNode json = ((AuthorityRead.Shown) read).client();
        assertThat(json.path("client_id").asText()).isEqualTo(client.clientId().value());
        assertThat(json.path("client_status").asText()).isEqualTo("suspended");
        assertThat(json.path("registration_path").asText()).isEqualTo("open");
        assertThat(json.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(json.path("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
        assertThat(json.path("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(json.path("redirect_uris")).isEqualTo(ValidMetadata.metadata().get("redirect_uris").orElseThrow());
        assertThat(json.path("client_secret_expires_at").asLong()).isEqualTo(T0.getEpochSecond() + 3600);
        assertThat(json.has("certificate_binding")).isFalse();
        assertThat(json.path(AuthorityView.VERSION).asLong()).as("the version the change events carry")
                .isEqualTo(clients.find(client.clientId()).orElseThrow().version());
        assertThat(json.toString()).doesNotContain(SECRET).doesNotContain("hash-1").doesNotContain("client_secret\"");
        assertThat(audit.actions()).extracting(OperatorAction::action, OperatorAction::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuthorityClients.READ, OperatorAction.DONE));
    }

    @Test
    void readsAUdapClientsCertificateBinding() throws Exception {
        TestPki pki = TestPki.create("authority");
        TestCredential leaf = pki.rsaLeaf("https://app.example.com/udap");
        byte[] der = leaf.certificate().getEncoded();
        String thumbprint = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        CertificateBinding binding = new CertificateBinding("https://app.example.com/udap", "https://community.example.com/",
                Base64.getEncoder().encodeToString(der), thumbprint);
        ClientRecord client = new ClientRecord(SequentialIdSource.clientId(4), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                Credentials.ofCertificate(binding, T0), new UrlChecks(null, null, T0), T0, T0, 1);
        clients.create(client);

        JsonNode json = ((AuthorityRead.Shown) authority.read(client.clientId().value(), CALLER)).client();

        JsonNode bound = json.path("certificate_binding");
        assertThat(json.path("registration_path").asText()).isEqualTo("udap");
        assertThat(bound.path("san_uri").asText()).isEqualTo("https://app.example.com/udap");
        assertThat(bound.path("community").asText()).isEqualTo("https://community.example.com/");
        assertThat(bound.path("x5t#S256").asText()).isEqualTo(thumbprint);
        assertThat(bound.path("x5c").get(0).asText()).isEqualTo(binding.certificate());
        assertThat(bound.path("not_after").asLong()).isEqualTo(leaf.certificate().getNotAfter().toInstant().getEpochSecond());
        assertThat(json.has("client_secret_expires_at")).as("a UDAP client has no secret").isFalse();
        assertThat(authority.verifySecret(client.clientId().value(), SECRET, CALLER)).isFalse();
    }

    @Test
    void anUnknownOrInvisibleClientIsNotFound() {
        ClientRecord pending = withSecret(5, ClientStatus.PENDING, 0);

        assertThat(authority.read(pending.clientId().value(), CALLER)).isInstanceOf(AuthorityRead.NotFound.class);
        assertThat(authority.read(SequentialIdSource.clientId(6).value(), CALLER)).isInstanceOf(AuthorityRead.NotFound.class);
        assertThat(authority.read("../../etc", CALLER)).isInstanceOf(AuthorityRead.NotFound.class);
        assertThat(audit.actions()).extracting(OperatorAction::outcome).containsOnly(OperatorAction.NOT_FOUND);
    }
}
