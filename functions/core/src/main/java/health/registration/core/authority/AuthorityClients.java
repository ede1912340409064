package health.registration.core.authority;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.SecretStore;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.port.StoreUnavailable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The authority API (docs/api/authority.md): what an authorization server asks of the registry. It reads a client as
 * a token endpoint needs it, and checks a presented client secret without ever handing the secret out. Reads only;
 * every call leaves an entry in the one audit trail ({@code authority.read}, {@code authority.verify_secret}).
 */
public final class AuthorityClients {

    public static final String READ = "authority.read";
    public static final String VERIFY_SECRET = "authority.verify_secret";
    /** The audit outcomes of a secret check. */
    public static final String VALID = "valid";
    public static final String INVALID = "invalid";

    /** Compared against when there is no stored secret, so every check hashes and compares the same way. */
    private static final byte[] NO_SECRET = digest("no stored secret: nothing presented can match this");

    private final ClientStore clients;
    private final SecretStore secrets;
    private final OperatorAudit audit;
    private final Clock clock;

    public AuthorityClients(ClientStore clients, SecretStore secrets, OperatorAudit audit, Clock clock) {
        this.clients = Objects.requireNonNull(clients);
        this.secrets = Objects.requireNonNull(secrets);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
    }

    public AuthorityRead read(String clientId, String caller) {
        Optional<ClientRecord> client = find(clientId);
        audit(READ, caller, clientId, client.isPresent() ? OperatorAction.DONE : OperatorAction.NOT_FOUND);
        return client.<AuthorityRead>map(c -> new AuthorityRead.Shown(AuthorityView.of(c)))
                .orElseGet(AuthorityRead.NotFound::new);
    }

    /**
     * Whether {@code presented} is the client's secret and the client may use it now: it exists, is not suspended
     * (an authorization server must not issue a suspended client tokens), and its secret has not expired (RFC 7591
     * §3.2.1). The presented secret and the stored one (or a fixed stand-in when there is none) are compared as
     * SHA-256 digests with {@link MessageDigest#isEqual}, so neither their lengths nor the position of the first
     * difference shows in the time taken; only whether the client has a secret to read does.
     */
    public boolean verifySecret(String clientId, String presented, String caller) {
        Optional<ClientRecord> client = find(clientId);
        Optional<ClientSecret> stored = client.filter(c -> c.credentials().secretArn() != null)
                .flatMap(c -> secrets.read(c.clientId()));
        boolean matches = MessageDigest.isEqual(digest(presented), stored.map(s -> digest(s.value())).orElse(NO_SECRET));
        boolean valid = matches & stored.isPresent() & client.map(c -> usable(c, clock.instant())).orElse(false);
        audit(VERIFY_SECRET, caller, clientId, client.isEmpty() ? OperatorAction.NOT_FOUND : valid ? VALID : INVALID);
        return valid;
    }

    private static boolean usable(ClientRecord client, Instant now) {
        long expiresAt = client.credentials().secretExpiresAt();
        return client.status() != ClientStatus.SUSPENDED && (expiresAt == 0 || now.getEpochSecond() < expiresAt);
    }

    private Optional<ClientRecord> find(String clientId) {
        return ClientId.parse(clientId).flatMap(clients::find).filter(c -> c.status().visible());
    }

    private void audit(String action, String caller, String subject, String outcome) {
        try {
            audit.record(new OperatorAction(action, caller, subject, outcome, clock.instant()));
        } catch (StoreUnavailable unrecorded) {
            // The edge's structured log line names the same action; the answer stands.
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
