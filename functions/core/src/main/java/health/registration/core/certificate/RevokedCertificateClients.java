package health.registration.core.certificate;

import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.EventOutbox;
import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.udap.UdapClientStore;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A revoked developer certificate's clients (docs/api/certificates.md): every UDAP client bound to it is
 * suspended at once, with a {@code ClientSuspended} event through the {@link health.registration.core.issue.EventOutbox}
 * whose problem says the certificate was revoked. The suspension is held like an operator's
 * ({@link StatusChange#CERTIFICATE_REVOKED}). Idempotent: a client suspended for this reason already is left as it
 * is, so a repeated revocation repairs what a failure left undone.
 */
public final class RevokedCertificateClients {

    /** The problem code of a client whose certificate was revoked. */
    public static final String CERTIFICATE_REVOKED = StatusChange.CERTIFICATE_REVOKED;
    /** Where a UDAP client's certificate came from: its software statement's x5c. */
    static final String MEMBER = "/software_statement";
    static final int ATTEMPTS = 3;

    private final UdapClientStore udap;
    private final ClientStore clients;
    private final EventOutbox outbox;
    private final Clock clock;

    /**
     * Over the client records and where their events go (null: they stay on the records); a revocation never touches a
     * client's secret, so the certificates function is given no secret store.
     */
    public RevokedCertificateClients(UdapClientStore udap, ClientStore clients, ClientEvents events, Clock clock) {
        this.udap = Objects.requireNonNull(udap);
        this.clients = Objects.requireNonNull(clients);
        this.outbox = new EventOutbox(clients, events);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Suspends every visible client bound to the revoked certificate; the ids of those it suspended now. */
    public List<ClientId> suspend(IssuedCertificate revoked) {
        IssuedCertificate.Revocation revocation = revoked.revoked().orElseThrow(() ->
                new IllegalArgumentException("only a revoked certificate suspends its clients"));
        List<ClientId> suspended = new ArrayList<>();
        for (ClientRecord bound : udap.boundTo(revoked.thumbprint())) {
            suspendOne(bound, revoked, revocation).ifPresent(suspended::add);
        }
        return suspended;
    }

    /** Retries a write that lost to a concurrent change with the record read again. */
    private Optional<ClientId> suspendOne(ClientRecord bound, IssuedCertificate revoked, IssuedCertificate.Revocation by) {
        ClientRecord current = bound;
        for (int attempt = 1; ; attempt++) {
            if (!current.status().visible() || heldForRevocation(current)) {
                return Optional.empty();
            }
            ClientRecord changed = suspended(current, revoked, by, clock.instant());
            try {
                clients.replace(changed);
                outbox.flush(changed);
                return Optional.of(changed.clientId());
            } catch (WriteConflict changedMeanwhile) {
                Optional<ClientRecord> reread = clients.find(current.clientId());
                if (reread.isEmpty() || attempt == ATTEMPTS) {
                    if (reread.isPresent()) {
                        throw changedMeanwhile;
                    }
                    return Optional.empty();
                }
                current = reread.get();
            }
        }
    }

    private static boolean heldForRevocation(ClientRecord client) {
        List<StatusChange> history = client.checks().history();
        return client.status() == ClientStatus.SUSPENDED && !history.isEmpty()
                && history.get(history.size() - 1).reason().equals(StatusChange.CERTIFICATE_REVOKED);
    }

    static ClientRecord suspended(ClientRecord client, IssuedCertificate revoked, IssuedCertificate.Revocation by,
                                  Instant now) {
        UrlChecks checks = client.checks();
        CheckProblem problem = new CheckProblem(MEMBER, null, CERTIFICATE_REVOKED, FailureKind.HARD,
                "the client's certificate (serial " + revoked.serial() + ", client URI " + revoked.sanUri()
                        + ") was revoked by the operator, reason " + by.reason().code()
                        + "; only an operator reinstates the client");
        UrlChecks after = new UrlChecks(checks.lastCheckedAt(), checks.lastReport(), checks.nextCheckAt(),
                checks.consecutiveFailures(), checks.firstFailedAt(), List.of(problem), checks.lastRunId(),
                checks.history(), checks.pendingEvents())
                .withChange(new StatusChange(now, client.status(), ClientStatus.SUSPENDED, StatusChange.CERTIFICATE_REVOKED));
        if (client.status() != ClientStatus.SUSPENDED) {
            after = after.withEvents(List.of(LifecycleEvent.of(LifecycleEvent.Type.SUSPENDED, client,
                    ClientStatus.SUSPENDED, after, null, now)));
        }
        return client.next(ClientStatus.SUSPENDED, client.metadata(), client.credentials(), after, now);
    }
}
