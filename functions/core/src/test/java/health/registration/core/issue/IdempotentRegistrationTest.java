package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.StoreUnavailable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class IdempotentRegistrationTest {

    private static final IdempotencyKey KEY = IdempotencyKey.parse("7c1f0b9e-4a52-4f0e-9d43-0d8c2a6b11aa").value();
    private static final long LATCH_SECONDS = 10;

    private final IssuanceBench bench = new IssuanceBench();
    /** Waiting costs no real time: each pause moves the clock on by what it would have slept. */
    private final IdempotentRegistration.Pause advanceClock = bench.clock::advance;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void repeatsTheFirstAnswerForTheSameKeyAndBodyAndCreatesNothing() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);

        RegistrationOutcome.Registered first = registered(registration.register(valid(), KEY, body(valid())));
        bench.clock.advance(Duration.ofHours(23));
        RegistrationOutcome.Registered again = registered(registration.register(valid(), KEY, body(valid())));

        assertThat(again.answer()).isEqualTo(first.answer());
        assertThat(again.clientId()).isEqualTo(first.clientId());
        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(bench.clientStore.size()).isOne();
        assertThat(bench.secretStore.size()).isOne();
        assertThat(bench.prober.calls()).isOne();
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        registration.register(valid(), KEY, body(valid()));
        ClientMetadata other = ValidMetadata.with("client_name", "\"Another App\"");

        assertThat(registration.register(other, KEY, body(other))).isEqualTo(new RegistrationOutcome.KeyReused());
        assertThat(bench.clientStore.size()).isOne();
    }

    @Test
    void registersAfreshForEveryRequestWithoutAKey() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);

        String first = registered(registration.register(valid(), null, body(valid()))).clientId();
        String second = registered(registration.register(valid(), null, body(valid()))).clientId();

        assertThat(first).isNotEqualTo(second);
        assertThat(bench.clientStore.size()).isEqualTo(2);
        assertThat(bench.idempotency.entries()).isEmpty();
    }

    @Test
    void releasesTheKeyWhenTheFirstRequestFailsSoARetryRegisters() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        bench.secrets.failOn(FailingSecretStore.Operation.CREATE, 1);

        assertThatThrownBy(() -> registration.register(valid(), KEY, body(valid()))).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.idempotency.entries()).isEmpty();
        RegistrationOutcome.Registered retry = registered(registration.register(valid(), KEY, body(valid())));

        assertThat(retry.replayed()).isFalse();
        assertThat(bench.clientStore.withStatus(ClientStatus.ACTIVE)).extracting(r -> r.clientId().value())
                .containsExactly(retry.clientId());
    }

    @Test
    void releasesTheKeyWhenTheFirstRequestIsRefused() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        ClientMetadata refused = ValidMetadata.withRedirectUri("http://app.example.com/callback");

        assertThat(registration.register(refused, KEY, body(refused))).isInstanceOf(RegistrationOutcome.Refused.class);

        assertThat(bench.idempotency.entries()).isEmpty();
        assertThat(registered(registration.register(valid(), KEY, body(valid()))).replayed()).isFalse();
    }

    @Test
    void registersAgainOnceTheKeyIsOlderThan24Hours() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        String first = registered(registration.register(valid(), KEY, body(valid()))).clientId();
        bench.clock.advance(Duration.ofHours(24).plusSeconds(1));

        RegistrationOutcome.Registered later = registered(registration.register(valid(), KEY, body(valid())));

        assertThat(later.replayed()).isFalse();
        assertThat(later.clientId()).isNotEqualTo(first);
        assertThat(bench.clientStore.size()).isEqualTo(2);
    }

    @Test
    void aConcurrentRequestWithTheKeyWaitsAndGetsTheFirstAnswer() throws Exception {
        HeldFirstRequest first = new HeldFirstRequest();
        IdempotentRegistration registration = bench.idempotent(first::finishWhileWaiting);
        first.start(registration);

        RegistrationOutcome.Registered second = registered(registration.register(valid(), KEY, body(valid())));
        RegistrationOutcome.Registered original = registered(first.outcome());

        assertThat(second.answer()).isEqualTo(original.answer());
        assertThat(second.replayed()).isTrue();
        assertThat(bench.clientStore.size()).isOne();
        assertThat(bench.secretStore.size()).isOne();
    }

    @Test
    void aConcurrentRequestThatWaitsTooLongAnswersKeyInProgress() throws Exception {
        HeldFirstRequest first = new HeldFirstRequest();
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        first.start(registration);

        RegistrationOutcome second = registration.register(valid(), KEY, body(valid()));
        first.finish();

        assertThat(second).isEqualTo(new RegistrationOutcome.KeyInProgress());
        assertThat(bench.clock.instant()).isAfterOrEqualTo(IssuanceBench.START.plus(bench.settings.idempotencyWait()));
        assertThat(first.outcome()).isInstanceOf(RegistrationOutcome.Registered.class);
        assertThat(bench.clientStore.size()).isOne();
    }

    @RepeatedTest(20)
    void twoRequestsStartedTogetherWithOneKeyCreateOneClient() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        IdempotentRegistration registration = bench.idempotent(pause -> {
            bench.clock.advance(pause);
            Thread.yield();
        });
        List<Future<RegistrationOutcome>> both = List.of(
                threads.submit(() -> startTogether(start, registration)), threads.submit(() -> startTogether(start, registration)));

        List<RegistrationOutcome> outcomes = List.of(both.get(0).get(LATCH_SECONDS, TimeUnit.SECONDS),
                both.get(1).get(LATCH_SECONDS, TimeUnit.SECONDS));

        assertThat(bench.clientStore.size()).isOne();
        assertThat(bench.secretStore.size()).isOne();
        String clientId = bench.clientStore.all().get(0).clientId().value();
        assertThat(outcomes).filteredOn(o -> o instanceof RegistrationOutcome.Registered r && !r.replayed())
                .singleElement().extracting(o -> ((RegistrationOutcome.Registered) o).clientId()).isEqualTo(clientId);
        // The other one either waited for the first answer or gave up waiting; it never registered on its own.
        assertThat(outcomes).extracting(o -> o instanceof RegistrationOutcome.Registered r ? r.clientId() : o.toString())
                .allMatch(answer -> answer.equals(clientId) || answer.equals(new RegistrationOutcome.KeyInProgress().toString()));
    }

    private static RegistrationOutcome startTogether(CyclicBarrier start, IdempotentRegistration registration) throws Exception {
        start.await(LATCH_SECONDS, TimeUnit.SECONDS);
        return registration.register(valid(), KEY, body(valid()));
    }

    private static ClientMetadata valid() {
        return ValidMetadata.metadata();
    }

    private static byte[] body(ClientMetadata metadata) {
        ObjectNode json = metadata.toJson();
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWaitingRequestRegistersItselfWhenTheFirstFailsAndLetsTheKeyGo() throws Exception {
        HeldFirstRequest first = new HeldFirstRequest();
        bench.secrets.failOn(FailingSecretStore.Operation.CREATE, 1);
        IdempotentRegistration registration = bench.idempotent(first::finishWhileWaiting);
        first.start(registration);

        RegistrationOutcome.Registered second = registered(registration.register(valid(), KEY, body(valid())));

        assertThatThrownBy(first::outcome).hasCauseInstanceOf(StoreUnavailable.class);
        assertThat(second.replayed()).as("registered, not a replay").isFalse();
        assertThat(bench.clientStore.withStatus(ClientStatus.ACTIVE)).extracting(r -> r.clientId().value())
                .containsExactly(second.clientId());
    }

    @Test
    void keepsTheFirstCauseWhenLettingTheKeyGoFailsToo() {
        IdempotencyStore releaseFails = new IdempotencyStore() {
            @Override
            public java.util.Optional<IdempotencyEntry> claim(IdempotencyEntry fresh, java.time.Instant now) {
                return bench.idempotency.claim(fresh, now);
            }

            @Override
            public java.util.Optional<IdempotencyEntry> find(String keyId) {
                return bench.idempotency.find(keyId);
            }

            @Override
            public void complete(String keyId, String sealedAnswer) {
                bench.idempotency.complete(keyId, sealedAnswer);
            }

            @Override
            public void release(String keyId) {
                throw new StoreUnavailable("the idempotency table is unavailable (injected)", null);
            }
        };
        IdempotentRegistration registration = new IdempotentRegistration(bench.registrar(), TestPepper.ports(releaseFails),
                bench.clock, bench.settings, advanceClock);
        bench.secrets.failOn(FailingSecretStore.Operation.CREATE, 1);

        assertThatThrownBy(() -> registration.register(valid(), KEY, body(valid())))
                .isInstanceOf(StoreUnavailable.class)
                .satisfies(failed -> assertThat(failed.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessageContaining("idempotency table")));
        assertThat(bench.idempotency.entries()).as("held until its lock expires").hasSize(1);
    }

    @Test
    void refusesToReplayAStoredAnswerThatDoesNotOpenWithItsKey() {
        IdempotentRegistration registration = bench.idempotent(advanceClock);
        registered(registration.register(valid(), KEY, body(valid())));
        IdempotencyEntry stored = bench.idempotency.entries().get(0);
        bench.idempotency.complete(stored.keyId(), "not a sealed answer");

        assertThatThrownBy(() -> registration.register(valid(), KEY, body(valid())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be opened");
    }

    @Test
    void stopsWaitingWhenInterruptedAndKeepsTheInterrupt() throws Exception {
        HeldFirstRequest first = new HeldFirstRequest();
        IdempotentRegistration registration = bench.idempotent(pause -> {
            throw new InterruptedException("interrupted (injected)");
        });
        first.start(registration);

        try {
            assertThatThrownBy(() -> registration.register(valid(), KEY, body(valid())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller (and cleared here)").isTrue();
        } finally {
            first.finish();
        }
        assertThat(first.outcome()).isInstanceOf(RegistrationOutcome.Registered.class);
    }

    private static RegistrationOutcome.Registered registered(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
        return (RegistrationOutcome.Registered) outcome;
    }

    /**
     * A first request with {@link #KEY}, held inside its probing until told to finish, so that a second request with
     * the key runs meanwhile.
     */
    private final class HeldFirstRequest {

        private final CountDownLatch probing = new CountDownLatch(1);
        private final CountDownLatch letFinish = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private Future<RegistrationOutcome> outcome;

        HeldFirstRequest() {
            bench.prober.duringNextProbe(() -> {
                probing.countDown();
                await(letFinish);
            });
        }

        /** Starts the first request and returns once it is probing. */
        void start(IdempotentRegistration registration) {
            outcome = threads.submit(() -> {
                try {
                    return registration.register(valid(), KEY, body(valid()));
                } finally {
                    finished.countDown();
                }
            });
            await(probing);
        }

        /** The second request's pause: the clock moves on, and the first request finishes meanwhile. */
        void finishWhileWaiting(Duration pause) {
            bench.clock.advance(pause);
            finish();
            await(finished);
        }

        void finish() {
            letFinish.countDown();
        }

        RegistrationOutcome outcome() throws Exception {
            return outcome.get(LATCH_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(LATCH_SECONDS, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
