package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
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

    private static final String NO_CLIENT_TOKEN_HASH = new RegistrationAccessToken("no such client").hash();
    /** Stands in for a client that does not exist, so that its bearer is checked with the same work. */
    private static final Credentials NO_CLIENT = new Credentials(null, NO_CLIENT_TOKEN_HASH, Instant.EPOCH, 0, null,
            new PreviousRegistrationToken(NO_CLIENT_TOKEN_HASH, Instant.EPOCH));

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

    /**
     * RFC 7592 §2.1: the client information, which RFC 7592 §3 requires to carry a registration access token. Only the
     * token's hash is kept, so the read issues a new one (RFC 7592 §2.1 lets the answer carry a new token, which the
     * client then uses instead); the token read with keeps working for a while (see {@link Credentials#rotatedOnRead}),
     * so a lost answer locks nobody out. A read that loses a race to another change of the token answers 409: retried,
     * it could drop a token the winner has just answered. One that loses to a change that left the tokens alone
     * (re-verification, an operator) is tried once more.
     */
    public ManagementOutcome read(String clientId, String bearerToken) {
        Optional<Bearer> found = authorized(clientId, bearerToken);
        if (found.isEmpty()) {
            return new ManagementOutcome.Unauthorized(bearerToken != null);
        }
        RegistrationAccessToken token = ids.newRegistrationAccessToken();
        ClientRecord client = found.get().client();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            ClientRecord rotated = client.next(client.status(), client.metadata(),
                    client.credentials().rotatedOnRead(token.hash(), found.get().held(), now), client.checks(), now);
            try {
                stores.clients().replace(rotated);
                return new ManagementOutcome.Shown(information(rotated, token));
            } catch (WriteConflict changedMeanwhile) {
                Optional<ClientRecord> latest = stores.clients().find(client.clientId()).filter(c -> c.status().visible());
                if (attempt > 1 || latest.isEmpty() || !latest.get().credentials().equals(client.credentials())) {
                    return new ManagementOutcome.Conflict();
                }
                client = latest.get();
            }
        }
    }

    /** RFC 7592 §2.2: replaces the metadata after the whole review, rotates the token, keeps the secret. */
    public ManagementOutcome update(String clientId, String bearerToken, ClientMetadata requested) {
        Optional<ClientRecord> found = authorized(clientId, bearerToken).map(Bearer::client);
        if (found.isEmpty()) {
            return new ManagementOutcome.Unauthorized(bearerToken != null);
        }
        ClientRecord client = found.get();
        Optional<RegistrationError> malformed = updateRequestProblem(client, bearerToken, requested);
        if (malformed.isPresent()) {
            return new ManagementOutcome.Refused(malformed.get());
        }
        RegistrationReview.Verdict verdict = review.review(requested.registrable());
        RegistrationReview.Accepted accepted;
        switch (verdict) {
            case RegistrationReview.Refused refused -> {
                return new ManagementOutcome.Refused(refused.error());
            }
            case RegistrationReview.Accepted reviewed -> accepted = reviewed;
        }
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
        Optional<ClientRecord> found = authorized(clientId, bearerToken).map(Bearer::client);
        if (found.isEmpty()) {
            return new ManagementOutcome.Unauthorized(bearerToken != null);
        }
        if (!new ClientRemoval(stores, clock).remove(found.get())) {
            return new ManagementOutcome.Conflict();
        }
        return new ManagementOutcome.Deleted();
    }

    /** A visible client and which of its tokens the bearer holds. */
    private record Bearer(ClientRecord client, Credentials.HeldToken held) {}

    /**
     * The visible client one of whose tokens the bearer holds: the current one, or the previous one while it works.
     * Hashes and compares the same way even when there is no such client.
     */
    private Optional<Bearer> authorized(String clientId, String bearerToken) {
        Optional<ClientRecord> client = ClientId.parse(clientId).flatMap(stores.clients()::find).filter(c -> c.status().visible());
        Credentials.HeldToken held = client.map(ClientRecord::credentials).orElse(NO_CLIENT).heldBy(bearerToken, clock.instant());
        return bearerToken != null && held != Credentials.HeldToken.NONE
                ? client.map(c -> new Bearer(c, held)) : Optional.empty();
    }

    /**
     * RFC 7592 §2.2: client_id must be the client's own; a client_secret that is sent, whatever its JSON type, must be
     * the current secret; the members only the server sets may be sent back only as answered. Every problem is
     * reported at once.
     */
    private Optional<RegistrationError> updateRequestProblem(ClientRecord client, String bearerToken, ClientMetadata requested) {
        List<Violation> problems = new ArrayList<>();
        if (!requested.text(ClientInformation.CLIENT_ID).filter(client.clientId().value()::equals).isPresent()) {
            problems.add(problem(ClientInformation.CLIENT_ID, "client_id must be sent and be this client's own id (RFC 7592 section 2.2)"));
        }
        problems.addAll(new ServerMembersSentBack(client, bearerToken,
                ClientInformation.registrationClientUri(settings.publicBaseUrl(), client.clientId())).problems(requested));
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
