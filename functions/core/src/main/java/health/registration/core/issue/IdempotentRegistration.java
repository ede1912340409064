package health.registration.core.issue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.model.ClientMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /register} with an {@code Idempotency-Key} ({@link IdempotencyKey}): the first request with a key
 * registers and its answer is kept (sealed under the key and the server's pepper, {@link SealedAnswer}) for 24 hours; a repeat with the same body gets that answer and creates nothing; the same key with a
 * different body is refused (422). Two concurrent requests with one key: the store's conditional claim lets one run;
 * the other waits for its answer, or answers 409 if it takes too long. A request that does not succeed releases its
 * claim, so a retry runs afresh.
 */
public final class IdempotentRegistration {

    /** How a waiting request passes the time; tests use one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientRegistrar registrar;
    private final IdempotencyStore store;
    private final SealedAnswer sealing;
    private final Clock clock;
    private final IssuanceSettings settings;
    private final Pause pause;

    public IdempotentRegistration(ClientRegistrar registrar, IdempotencyPorts ports, Clock clock, IssuanceSettings settings,
                                  Pause pause) {
        this.registrar = registrar;
        this.store = ports.store();
        this.sealing = ports.sealing();
        this.clock = clock;
        this.settings = settings;
        this.pause = pause;
    }

    /** Registers; with a key (null for none), at most once per key and body. */
    public RegistrationOutcome register(ClientMetadata metadata, IdempotencyKey idempotencyKey, byte[] body) {
        if (idempotencyKey == null) {
            return registrar.register(metadata);
        }
        String keyId = sealing.keyId(idempotencyKey);
        String bodyHash = sealing.bodyHash(idempotencyKey, body);
        Instant now = clock.instant();
        IdempotencyEntry fresh = new IdempotencyEntry(keyId, bodyHash, null, now.plus(settings.idempotencyLock()),
                now.plus(settings.idempotencyWindow()));
        Optional<IdempotencyEntry> earlier = store.claim(fresh, now);
        if (earlier.isPresent()) {
            return answerFor(earlier.get(), idempotencyKey, bodyHash, metadata, body);
        }
        return registerOnce(metadata, idempotencyKey, keyId);
    }

    private RegistrationOutcome registerOnce(ClientMetadata metadata, IdempotencyKey idempotencyKey, String keyId) {
        RegistrationOutcome outcome;
        try {
            outcome = registrar.register(metadata);
        } catch (RuntimeException failed) {
            releaseQuietly(keyId, failed);
            throw failed;
        }
        switch (outcome) {
            case RegistrationOutcome.Registered registered -> store.complete(keyId, sealing.seal(idempotencyKey, registered.answer()));
            // The registrar answers Registered or Refused; whatever registered nothing lets the key go.
            default -> store.release(keyId);
        }
        return outcome;
    }

    /** Lets the claim go after a failure; if that fails too, the lock's expiry lets it go, and the first cause wins. */
    private void releaseQuietly(String keyId, RuntimeException cause) {
        try {
            store.release(keyId);
        } catch (RuntimeException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        }
    }

    /** The answer for a key already claimed: the stored answer, a refusal, or the result of waiting. */
    private RegistrationOutcome answerFor(IdempotencyEntry entry, IdempotencyKey key, String bodyHash, ClientMetadata metadata,
                                          byte[] body) {
        Instant giveUp = clock.instant().plus(settings.idempotencyWait());
        IdempotencyEntry current = entry;
        while (true) {
            if (!current.bodyHash().equals(bodyHash)) {
                return new RegistrationOutcome.KeyReused();
            }
            if (current.completed()) {
                return replay(current, key);
            }
            if (!clock.instant().isBefore(giveUp)) {
                return new RegistrationOutcome.KeyInProgress();
            }
            waitBriefly();
            Optional<IdempotencyEntry> now = store.find(current.keyId());
            if (now.isEmpty()) {
                // The earlier request failed and let its claim go: this one runs in its place.
                return register(metadata, key, body);
            }
            current = now.get();
        }
    }

    private RegistrationOutcome replay(IdempotencyEntry entry, IdempotencyKey key) {
        String answer = sealing.open(key, entry.sealedAnswer())
                .orElseThrow(() -> new IllegalStateException("a stored answer could not be opened with its own key"));
        try {
            String clientId = JSON.readTree(answer).path(ClientInformation.CLIENT_ID).asText();
            return new RegistrationOutcome.Registered(answer, clientId, true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is not JSON", e);
        }
    }

    private void waitBriefly() {
        try {
            pause.pause(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an earlier request", e);
        }
    }
}
