package health.registration.core.reverify;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The lifecycle of a registered client under re-verification (pure): {@code active} turns {@code warning} on a failed
 * check; {@code warning} turns {@code suspended} once failures in a row reach the count and span of the grace period;
 * {@code warning} and {@code suspended} turn {@code active} again when a check passes, unless an operator suspended
 * the client. A UDAP client whose certificate expired or was revoked is suspended at once ({@link CertificateCheck}). Every status change is added to
 * the client's history, and it and every failed check of a client not yet suspended become events to publish.
 */
public final class ClientLifecycle {

    private final ReverificationSettings settings;

    public ClientLifecycle(ReverificationSettings settings) {
        this.settings = settings;
    }

    /**
     * The client's next version after a check.
     *
     * @param runId the run that checked it, kept so that a restarted run skips it
     * @param runAt when the run was scheduled; the next check is due one interval (less the client's jitter) later,
     *              so that a client checked late in a run is still due by the next run
     */
    public ClientRecord apply(ClientRecord client, CheckVerdict verdict, String runId, Instant runAt, Instant now) {
        if (!client.status().visible()) {
            throw new IllegalArgumentException("only a visible client is re-verified");
        }
        UrlChecks checks = client.checks();
        return switch (verdict) {
            case CheckVerdict.Deferred deferred -> {
                Duration wait = deferred.recheckIn() == null ? settings.deferredRecheck() : deferred.recheckIn();
                yield client.next(client.status(), client.metadata(), client.credentials(), checks.dueAt(now.plus(wait)), now);
            }
            case CheckVerdict.Passed passed -> passed(client, passed, runId, nextRegularCheck(client, runAt, now), now);
            case CheckVerdict.Failed failed -> failed(client, failed, runId, nextRegularCheck(client, runAt, now), now);
        };
    }

    private ClientRecord passed(ClientRecord client, CheckVerdict.Passed passed, String runId, Instant next, Instant now) {
        UrlChecks checks = client.checks();
        UrlChecks after = new UrlChecks(now, passed.report(), next, 0, null, List.of(), runId, checks.history(),
                checks.pendingEvents());
        ClientStatus from = client.status();
        if (client.suspendedByOperator()) {
            return client.next(from, client.metadata(), client.credentials(), after, now);
        }
        if (from != ClientStatus.ACTIVE) {
            after = after.withChange(new StatusChange(now, from, ClientStatus.ACTIVE, StatusChange.URL_CHECKS_PASSED));
            after = after.withEvents(List.of(event(LifecycleEvent.Type.REINSTATED, client, ClientStatus.ACTIVE, after, null, now)));
        }
        return client.next(ClientStatus.ACTIVE, client.metadata(), client.credentials(), after, now);
    }

    private ClientRecord failed(ClientRecord client, CheckVerdict.Failed failed, String runId, Instant regular, Instant now) {
        UrlChecks checks = client.checks();
        int failures = checks.consecutiveFailures() + 1;
        Instant firstFailedAt = checks.firstFailedAt() == null ? now : checks.firstFailedAt();
        Instant suspendsAt = firstFailedAt.plus(settings.suspendAfterSpan());
        boolean persisted = failures >= settings.suspendAfterFailures() && !now.isBefore(suspendsAt);
        ClientStatus from = client.status();
        ClientStatus to = from == ClientStatus.SUSPENDED || persisted || failed.disqualifies()
                ? ClientStatus.SUSPENDED : ClientStatus.WARNING;
        Instant next = failed.kind() == FailureKind.TRANSIENT
                ? earlier(regular, now.plus(settings.transientRecheck())) : regular;
        UrlChecks after = new UrlChecks(now, failed.report() == null ? checks.lastReport() : failed.report(), next,
                failures, firstFailedAt, failed.problems(), runId, checks.history(), checks.pendingEvents());
        if (to != from) {
            String reason = to == ClientStatus.WARNING ? StatusChange.URL_CHECK_FAILED
                    : failed.disqualifies() ? StatusChange.CERTIFICATE_INVALID : StatusChange.FAILURES_PERSISTED;
            after = after.withChange(new StatusChange(now, from, to, reason));
        }
        if (from != ClientStatus.SUSPENDED) {
            LifecycleEvent.Type type = to == ClientStatus.SUSPENDED ? LifecycleEvent.Type.SUSPENDED : LifecycleEvent.Type.URL_CHECK_FAILED;
            after = after.withEvents(List.of(event(type, client, to, after, to == ClientStatus.SUSPENDED ? null : suspendsAt, now)));
        }
        return client.next(to, client.metadata(), client.credentials(), after, now);
    }

    /**
     * One interval after the run's scheduled time, less a jitter fixed per client (so that clients registered
     * together drift apart), and never before now.
     */
    Instant nextRegularCheck(ClientRecord client, Instant runAt, Instant now) {
        long jitterMillis = settings.jitter().toMillis() == 0 ? 0
                : Math.floorMod(client.clientId().value().hashCode(), settings.jitter().toMillis() + 1);
        Instant next = runAt.plus(settings.interval()).minusMillis(jitterMillis);
        return next.isAfter(now) ? next : now.plus(settings.interval()).minusMillis(jitterMillis);
    }

    private static LifecycleEvent event(LifecycleEvent.Type type, ClientRecord client, ClientStatus to, UrlChecks after,
                                        Instant suspendsAt, Instant now) {
        return LifecycleEvent.of(type, client, to, after, suspendsAt, now);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
