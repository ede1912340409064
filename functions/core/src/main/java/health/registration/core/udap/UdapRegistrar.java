package health.registration.core.udap;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientsPerDomain;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.issue.IdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import health.registration.core.probe.ProbeReport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * UDAP dynamic client registration (UDAP DCR §4, IG STU2 §3): the request's shape, then the software statement's
 * signature, trust chain and claims ({@link SoftwareStatementVerifier}), then its jti against replay, then the
 * registration parameters through the UDAP policy with probing. A new (community, iss) pair registers (201); a known
 * one modifies its registration (200, same client id); an empty grant_types cancels it (200), unless an operator
 * suspended it (400: the suspension must survive a cancel and a new registration). Nothing is stored unless every
 * check passes.
 */
public final class UdapRegistrar {

    private final SoftwareStatementVerifier verifier;
    private final RegistrationReview review;
    private final UdapStores stores;
    private final IdSource ids;
    private final Clock clock;
    private final IssuanceSettings settings;
    private final ClientsPerDomain domainLimit;

    public UdapRegistrar(SoftwareStatementVerifier verifier, RegistrationReview review, UdapStores stores, IdSource ids,
                         Clock clock, IssuanceSettings settings) {
        this(verifier, review, stores, ids, clock, settings, null);
    }

    private UdapRegistrar(SoftwareStatementVerifier verifier, RegistrationReview review, UdapStores stores, IdSource ids,
                          Clock clock, IssuanceSettings settings, ClientsPerDomain domainLimit) {
        this.verifier = verifier;
        this.review = review;
        this.stores = stores;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.domainLimit = domainLimit;
    }

    /** This registrar, refusing a new client (not a modification) past the clients-per-domain limit. */
    public UdapRegistrar withDomainLimit(ClientsPerDomain limit) {
        return new UdapRegistrar(verifier, review, stores, ids, clock, settings, limit);
    }

    public RegistrationOutcome register(UdapRequest request) {
        Optional<RegistrationError> malformed = request.problem();
        if (malformed.isPresent()) {
            return new RegistrationOutcome.Refused(malformed.get());
        }
        VerifiedStatement statement;
        switch (verifier.verify(request.softwareStatement())) {
            case StatementVerdict.Rejected rejected -> {
                return refuse(rejected.code(), rejected.description());
            }
            case StatementVerdict.Verified verified -> statement = verified.statement();
        }
        if (stores.jtis().seen(statement.issuer(), statement.jti(), clock.instant())) {
            return refuse(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "this software statement (its jti) was used before");
        }
        Optional<ClientRecord> existing = stores.clients().findByIssuer(statement.community().uri(), statement.issuer());
        UdapAnswer answer = new UdapAnswer(statement);
        if (answer.cancels()) {
            return cancel(statement, existing, answer);
        }
        ClientMetadata parameters = answer.parameters();
        Optional<RegistrationError> overLimit = existing.isPresent() || domainLimit == null
                ? Optional.empty() : domainLimit.refusal(parameters);
        if (overLimit.isPresent()) {
            return new RegistrationOutcome.Refused(overLimit.get());
        }
        RegistrationReview.Accepted accepted;
        switch (review.review(parameters)) {
            case RegistrationReview.Refused refused -> {
                return new RegistrationOutcome.Refused(refused.error());
            }
            case RegistrationReview.Accepted reviewed -> accepted = reviewed;
        }
        if (!stores.jtis().record(statement.issuer(), statement.jti(), statement.expiresAt(), clock.instant())) {
            return refuse(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "this software statement (its jti) was used before");
        }
        UrlChecks checks = checksNow(accepted.report());
        // UDAP IG STU2 general §7.3: the scope stored and answered is the one granted; the rest exactly as sent.
        ClientMetadata granted = accepted.registered().text(MetadataMember.SCOPE)
                .map(scope -> parameters.withText(MetadataMember.SCOPE, scope)).orElse(parameters);
        return existing.isPresent() ? modify(existing.get(), statement, granted, checks, answer)
                : create(statement, granted, checks, answer);
    }

    private RegistrationOutcome create(VerifiedStatement statement, ClientMetadata parameters, UrlChecks checks, UdapAnswer answer) {
        Instant now = clock.instant();
        ClientRecord record = new ClientRecord(ids.newClientId(), ClientStatus.ACTIVE, parameters,
                Credentials.ofCertificate(statement.binding(), now), checks, now, now, 1)
                .withEvent(LifecycleEvent.Type.REGISTERED, ClientStatus.PENDING);
        try {
            stores.clients().register(record);
        } catch (WriteConflict registeredMeanwhile) {
            // A concurrent first registration of the same client won: this one modifies it.
            ClientRecord winner = stores.clients().findByIssuer(statement.community().uri(), statement.issuer())
                    .orElseThrow(() -> registeredMeanwhile);
            return modify(winner, statement, parameters, checks, answer);
        }
        stores.outbox().flush(record);
        return new RegistrationOutcome.Registered(answer.toJson(record, parameters).toString(), record.clientId().value(), false);
    }

    private RegistrationOutcome modify(ClientRecord existing, VerifiedStatement statement, ClientMetadata parameters,
                                       UrlChecks checks, UdapAnswer answer) {
        ClientRecord modified = existing.reviewed(parameters, existing.credentials().withCertificate(statement.binding()),
                checks.lastReport(), checks.lastCheckedAt(), checks.nextCheckAt());
        stores.clients().replace(modified);
        stores.outbox().flush(modified);
        return new RegistrationOutcome.Modified(answer.toJson(modified, parameters).toString(), modified.clientId().value());
    }

    private RegistrationOutcome cancel(VerifiedStatement statement, Optional<ClientRecord> existing, UdapAnswer answer) {
        if (existing.isEmpty()) {
            return refuse(RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "grant_types is empty, which cancels a registration, but this client has none in this trust community");
        }
        // An operator's suspension outlives the app's wishes: cancelling and registering again would start a new,
        // active registration of the same (community, iss) (IG STU2 §3.4), so the cancel is refused while it holds.
        if (existing.get().suspendedByOperator()) {
            return refuse(RegistrationErrorCode.INVALID_CLIENT_METADATA, "grant_types is empty, which cancels a"
                    + " registration, but the operator suspended this client; it cannot be cancelled until the operator"
                    + " reinstates or removes it");
        }
        if (!stores.jtis().record(statement.issuer(), statement.jti(), statement.expiresAt(), clock.instant())) {
            return refuse(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, "this software statement (its jti) was used before");
        }
        cancelled(existing.get());
        return new RegistrationOutcome.Modified(answer.toJson(existing.get(), answer.cancellation()).toString(), existing.get().clientId().value());
    }

    /**
     * UDAP DCR §6: the registration goes with its mapping, told by a {@code ClientDeleted} event that is written
     * with the record turning {@code deleting} (invisible) and published before the record goes. When it cannot be
     * published, the record stays {@code deleting} with the event, and the cleanup publishes it and removes it.
     */
    private void cancelled(ClientRecord client) {
        Instant now = clock.instant();
        ClientRecord deleting = client.next(ClientStatus.DELETING, client.metadata(), client.credentials(),
                client.checks().dueAt(now), now).withEvent(LifecycleEvent.Type.DELETED, client.status());
        stores.clients().replace(deleting);
        List<LifecycleEvent> pending = deleting.checks().pendingEvents();
        if (stores.events() != null) {
            try {
                stores.events().publish(pending);
            } catch (StoreUnavailable unpublished) {
                return;
            }
        }
        stores.clients().cancel(deleting);
    }

    private UrlChecks checksNow(ProbeReport report) {
        Instant now = clock.instant();
        return new UrlChecks(now, report, now.plus(settings.recheckInterval()));
    }

    private static RegistrationOutcome refuse(RegistrationErrorCode code, String description) {
        return new RegistrationOutcome.Refused(RegistrationError.single(
                Violation.error(UdapRequest.SOFTWARE_STATEMENT_POINTER, code, description)));
    }
}
