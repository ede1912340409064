package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.RegistrationError;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Registers clients (RFC 7591): the review, then the writes in an order that never leaves a usable half-made client.
 * The record is written {@code pending} first, invisible to every reader; then the secret is stored; then the record
 * turns {@code active}. A failure anywhere leaves at most a pending record and perhaps its secret, which
 * {@link RegistrationCleanup} removes once the record is older than any registration can run. The registrar never
 * deletes a secret (the registering function may not, so it cannot delete one it did not create): it stores a secret
 * only while its pending record is younger than half the pending timeout, so the cleanup, which destroys the secret
 * of a record past the whole timeout, always comes after any secret the registration made.
 */
public final class ClientRegistrar {

    private final RegistrationReview review;
    private final ClientStore clients;
    private final SecretStore secrets;
    private final ClientStores stores;
    private final IdSource ids;
    private final Clock clock;
    private final IssuanceSettings settings;
    private final ClientsPerDomain domainLimit;

    public ClientRegistrar(RegistrationReview review, ClientStores stores, IdSource ids, Clock clock, IssuanceSettings settings) {
        this(review, stores, ids, clock, settings, null);
    }

    private ClientRegistrar(RegistrationReview review, ClientStores stores, IdSource ids, Clock clock, IssuanceSettings settings,
                            ClientsPerDomain domainLimit) {
        this.review = review;
        this.clients = stores.clients();
        this.secrets = stores.secrets();
        this.stores = stores;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.domainLimit = domainLimit;
    }

    /** This registrar, refusing open-path registrations past the clients-per-domain limit (the manual path is exempt). */
    public ClientRegistrar withDomainLimit(ClientsPerDomain limit) {
        return new ClientRegistrar(review, stores, ids, clock, settings, limit);
    }

    /** Open dynamic registration: reviews and, when accepted, issues. */
    public RegistrationOutcome register(ClientMetadata requested) {
        return register(requested, RegistrationPath.OPEN);
    }

    /**
     * Reviews by this registrar's review (which must be the path's) and, when accepted, issues: a secret only when
     * the client authenticates with one (client_secret_basic or client_secret_post); public and private_key_jwt
     * clients of the manual path get none. Throws {@code StoreUnavailable} when a store fails midway.
     */
    public RegistrationOutcome register(ClientMetadata requested, RegistrationPath path) {
        ClientMetadata metadata = requested.registrable();
        Optional<RegistrationError> overLimit = path == RegistrationPath.MANUAL || domainLimit == null
                ? Optional.empty() : domainLimit.refusal(metadata);
        if (overLimit.isPresent()) {
            return new RegistrationOutcome.Refused(overLimit.get());
        }
        RegistrationReview.Verdict verdict = review.review(metadata);
        RegistrationReview.Accepted accepted;
        switch (verdict) {
            case RegistrationReview.Refused refused -> {
                return new RegistrationOutcome.Refused(refused.error());
            }
            case RegistrationReview.Accepted reviewed -> accepted = reviewed;
        }
        boolean secretNeeded = authenticatesWithSecret(accepted.registered());
        ClientSecret secret = secretNeeded ? ids.newClientSecret() : null;
        RegistrationAccessToken token = ids.newRegistrationAccessToken();
        ClientRecord pending = writePending(accepted, token, path, secretNeeded);
        if (secretNeeded && clock.instant().isAfter(pending.createdAt().plus(settings.pendingTimeout().dividedBy(2)))) {
            throw new StoreUnavailable("the registration ran too long to store its secret before the cleanup may take over", null);
        }
        String arn = secretNeeded ? secrets.create(pending.clientId(), secret) : null;
        Instant now = clock.instant();
        ClientRecord active = pending.next(ClientStatus.ACTIVE, pending.metadata(), pending.credentials().withSecretArn(arn),
                new UrlChecks(pending.checks().lastCheckedAt(), pending.checks().lastReport(),
                        now.plus(settings.recheckInterval())), now).withEvent(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING);
        try {
            clients.replace(active);
        } catch (WriteConflict abandoned) {
            // The cleanup took this registration over (it ran far longer than allowed) and destroys its secret.
            throw new StoreUnavailable("the registration was abandoned before it could complete", abandoned);
        }
        try {
            stores.outbox().flush(active);
        } catch (StoreUnavailable notCleared) {
            // The client is registered and its event published or kept on the record (published again later with
            // the same id and version): answered as registered, so that the developer does not register twice.
        }
        ClientInformation information = new ClientInformation(active, secret, token,
                ClientInformation.registrationClientUri(settings.publicBaseUrl(), active.clientId()));
        return new RegistrationOutcome.Registered(information.toJson().toString(), active.clientId().value(), false);
    }

    private static boolean authenticatesWithSecret(ClientMetadata registered) {
        String method = registered.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD).orElse(ClientMetadata.DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD);
        return method.equals("client_secret_basic") || method.equals("client_secret_post");
    }

    /** The pending record; a new id is drawn if, against all odds, the first one is taken. */
    private ClientRecord writePending(RegistrationReview.Accepted accepted, RegistrationAccessToken token, RegistrationPath path,
                                      boolean secretNeeded) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            // RFC 7591 §3.2.1: client_secret_expires_at is about the secret; a client without one has none to expire.
            long expiresAt = !secretNeeded || settings.secretLifetime().isZero()
                    ? 0 : now.plus(settings.secretLifetime()).getEpochSecond();
            ClientRecord pending = new ClientRecord(ids.newClientId(), ClientStatus.PENDING, accepted.registered(),
                    new Credentials(null, token.hash(), now, expiresAt),
                    new UrlChecks(now, accepted.report(), now.plus(settings.pendingTimeout())), now, now, 1, path);
            try {
                clients.create(pending);
                return pending;
            } catch (WriteConflict taken) {
                if (attempt >= 2) {
                    throw taken;
                }
            }
        }
    }
}
