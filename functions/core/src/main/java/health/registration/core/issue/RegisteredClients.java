package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.port.IdSource;
import health.registration.core.port.WriteConflict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 7592 client configuration endpoint: read, update and delete a client, for the bearer of its registration
 * access token. A missing client, a client not visible (pending, being deleted) and a wrong token are answered
 * alike, after the same work, so the answer does not tell whether a client id exists.
 */
public final class RegisteredClients {

    /** RFC 7592 §2.2: members an update must not carry. */
    private static final List<String> FORBIDDEN_ON_UPDATE = List.of(ClientInformation.REGISTRATION_ACCESS_TOKEN,
            ClientInformation.REGISTRATION_CLIENT_URI, ClientInformation.CLIENT_SECRET_EXPIRES_AT,
            ClientInformation.CLIENT_ID_ISSUED_AT);
    private static final String NO_CLIENT_TOKEN_HASH = new RegistrationAccessToken("no such client").hash();

    private final RegistrationReview review;
    private final ClientStores stores;
    private final IdSource ids;
    private final Clock clock;
    private final IssuanceSettings settings;

    public RegisteredClients(RegistrationReview review, ClientStores stores, IdSource ids, Clock clock, IssuanceSettings settings) {
        this.review = review;
        this.stores = stores;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    public ManagementOutcome read(String clientId, String bearerToken) {
        return authorized(clientId, bearerToken)
                .<ManagementOutcome>map(client -> new ManagementOutcome.Shown(information(client, null)))
                .orElseGet(() -> new ManagementOutcome.Unauthorized(bearerToken != null));
    }

    /** RFC 7592 §2.2: replaces the metadata after the whole review, rotates the token, keeps the secret. */
    public ManagementOutcome update(String clientId, String bearerToken, ClientMetadata requested) {
        Optional<ClientRecord> found = authorized(clientId, bearerToken);
        if (found.isEmpty()) {
            return new ManagementOutcome.Unauthorized(bearerToken != null);
        }
        ClientRecord client = found.get();
        Optional<RegistrationError> malformed = updateRequestProblem(client, requested);
        if (malformed.isPresent()) {
            return new ManagementOutcome.Refused(malformed.get());
        }
        RegistrationReview.Verdict verdict = review.review(requested.registrable());
        if (verdict instanceof RegistrationReview.Refused refused) {
            return new ManagementOutcome.Refused(refused.error());
        }
        RegistrationReview.Accepted accepted = (RegistrationReview.Accepted) verdict;
        RegistrationAccessToken token = ids.newRegistrationAccessToken();
        Instant now = clock.instant();
        ClientRecord updated = client.reviewed(accepted.registered(), client.credentials().withTokenHash(token.hash()),
                accepted.report(), now, now.plus(settings.recheckInterval()));
        try {
            stores.clients().replace(updated);
        } catch (WriteConflict changedMeanwhile) {
            return new ManagementOutcome.Conflict();
        }
        stores.outbox().flush(updated);
        return new ManagementOutcome.Shown(information(updated, token));
    }

    /** RFC 7592 §2.3: the record turns invisible, its secret is scheduled for deletion, then the record goes. */
    public ManagementOutcome delete(String clientId, String bearerToken) {
        Optional<ClientRecord> found = authorized(clientId, bearerToken);
        if (found.isEmpty()) {
            return new ManagementOutcome.Unauthorized(bearerToken != null);
        }
        if (!new ClientRemoval(stores, clock).remove(found.get())) {
            return new ManagementOutcome.Conflict();
        }
        return new ManagementOutcome.Deleted();
    }

    /** The visible client whose token the bearer holds. Hashes and compares even when there is no such client. */
    private Optional<ClientRecord> authorized(String clientId, String bearerToken) {
        Optional<ClientRecord> client = ClientId.parse(clientId).flatMap(stores.clients()::find).filter(c -> c.status().visible());
        String keptHash = client.map(c -> c.credentials().registrationTokenHash()).orElse(NO_CLIENT_TOKEN_HASH);
        boolean matches = RegistrationAccessToken.matches(bearerToken, keptHash);
        return bearerToken != null && matches ? client : Optional.empty();
    }

    /**
     * RFC 7592 §2.2: client_id must be the client's own; server-set members must be absent; a client_secret that is
     * sent, whatever its JSON type, must be the current secret. Every problem is reported at once.
     */
    private Optional<RegistrationError> updateRequestProblem(ClientRecord client, ClientMetadata requested) {
        List<Violation> problems = new ArrayList<>();
        if (!requested.text(ClientInformation.CLIENT_ID).filter(client.clientId().value()::equals).isPresent()) {
            problems.add(problem(ClientInformation.CLIENT_ID, "client_id must be sent and be this client's own id (RFC 7592 section 2.2)"));
        }
        for (String member : FORBIDDEN_ON_UPDATE) {
            if (requested.get(member).isPresent()) {
                problems.add(problem(member, member + " must not be sent in an update (RFC 7592 section 2.2)"));
            }
        }
        Optional<String> sentSecret = requested.text(ClientInformation.CLIENT_SECRET);
        if (requested.get(ClientInformation.CLIENT_SECRET).isPresent()
                && !sentSecret.filter(sent -> secretMatches(client.clientId(), sent)).isPresent()) {
            problems.add(problem(ClientInformation.CLIENT_SECRET, "client_secret, when sent, must be the client's current secret"));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(RegistrationError.of(problems));
    }

    private boolean secretMatches(ClientId clientId, String sent) {
        return stores.secrets().read(clientId)
                .map(kept -> MessageDigest.isEqual(kept.value().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static Violation problem(String member, String description) {
        return Violation.error(FieldPointer.of(member), RegistrationErrorCode.INVALID_REQUEST, description);
    }

    private String information(ClientRecord client, RegistrationAccessToken token) {
        return new ClientInformation(client, null, token,
                ClientInformation.registrationClientUri(settings.publicBaseUrl(), client.clientId())).toJsonWithChecks().toString();
    }
}
