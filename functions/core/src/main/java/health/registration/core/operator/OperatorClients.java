package health.registration.core.operator;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientRemoval;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's client API (policy section 1, manual path): register under the manual path's rules, read, update,
 * delete. Suspension is {@link OperatorSuspensions}. Every call names the IAM caller and leaves an audit entry.
 */
public final class OperatorClients {

    private static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");

    private final ClientRegistrar registrar;
    private final RegistrationReview review;
    private final OperatorPorts ports;
    private final IssuanceSettings settings;
    private final Clock clock;

    /**
     * @param registrar registers with {@code review}
     * @param review    the manual path's review ({@code Policies.manualRegistration()}, URLs planned by its URL rules)
     */
    public OperatorClients(ClientRegistrar registrar, RegistrationReview review, OperatorPorts ports,
                           IssuanceSettings settings, Clock clock) {
        this.registrar = registrar;
        this.review = review;
        this.ports = ports;
        this.settings = settings;
        this.clock = clock;
    }

    /** Registers under the manual path's rules; the answer carries the secret (when the client uses one) and the token. */
    public OperatorOutcome register(ClientMetadata metadata, String caller) {
        return switch (registrar.register(metadata, RegistrationPath.MANUAL)) {
            case RegistrationOutcome.Registered registered -> {
                audit("client.register", caller, registered.clientId(), OperatorAction.DONE);
                yield new OperatorOutcome.Created(registered.answer(), registered.clientId());
            }
            case RegistrationOutcome.Refused refused -> {
                audit("client.register", caller, null, OperatorAction.REFUSED);
                yield new OperatorOutcome.Refused(refused.error());
            }
            // The registrar modifies only UDAP clients and knows no Idempotency-Key: neither is a manual answer.
            case RegistrationOutcome.Modified modified -> throw new IllegalStateException("a manual registration modified a client");
            case RegistrationOutcome.KeyReused reused -> throw new IllegalStateException("a manual registration had a key");
            case RegistrationOutcome.KeyInProgress inProgress -> throw new IllegalStateException("a manual registration had a key");
        };
    }

    public OperatorOutcome read(String clientId, String caller) {
        Optional<ClientRecord> client = find(clientId);
        audit("client.read", caller, clientId, client.isPresent() ? "done" : OperatorAction.NOT_FOUND);
        return client.<OperatorOutcome>map(c -> new OperatorOutcome.Shown(OperatorView.of(c, settings.publicBaseUrl()).toString()))
                .orElseGet(OperatorOutcome.NotFound::new);
    }

    /**
     * Replaces a manually registered client's metadata after the manual path's whole review. The token and the
     * secret are kept, so a change between authenticating with a secret and without one needs a new registration.
     */
    public OperatorOutcome update(String clientId, ClientMetadata requested, String caller) {
        Optional<ClientRecord> found = find(clientId);
        if (found.isEmpty()) {
            audit("client.update", caller, clientId, OperatorAction.NOT_FOUND);
            return new OperatorOutcome.NotFound();
        }
        ClientRecord client = found.get();
        ClientMetadata metadata = requested.registrable();
        Optional<RegistrationError> problem = updateProblem(client, metadata);
        RegistrationReview.Verdict verdict = problem.isPresent() ? null : review.review(metadata);
        if (problem.isEmpty() && verdict instanceof RegistrationReview.Refused refused) {
            problem = Optional.of(refused.error());
        }
        if (problem.isPresent()) {
            audit("client.update", caller, clientId, "refused");
            return new OperatorOutcome.Refused(problem.get());
        }
        RegistrationReview.Accepted accepted = (RegistrationReview.Accepted) verdict;
        Instant now = clock.instant();
        ClientRecord updated = client.reviewed(accepted.registered(), client.credentials(), accepted.report(), now,
                now.plus(settings.recheckInterval()));
        try {
            ports.stores().clients().replace(updated);
        } catch (WriteConflict changedMeanwhile) {
            audit("client.update", caller, clientId, "conflict");
            return new OperatorOutcome.Conflict();
        }
        ports.stores().outbox().flush(updated);
        audit("client.update", caller, clientId, "done");
        return new OperatorOutcome.Shown(OperatorView.of(updated, settings.publicBaseUrl()).toString());
    }

    /** Removes a client of the open or manual path with its secret. UDAP clients cancel by registering again. */
    public OperatorOutcome delete(String clientId, String caller) {
        Optional<ClientRecord> found = find(clientId);
        if (found.isEmpty()) {
            audit("client.delete", caller, clientId, OperatorAction.NOT_FOUND);
            return new OperatorOutcome.NotFound();
        }
        if (found.get().path() == RegistrationPath.UDAP) {
            audit("client.delete", caller, clientId, "refused");
            return new OperatorOutcome.Refused(RegistrationError.single(Violation.error("", RegistrationErrorCode.INVALID_REQUEST,
                    "a UDAP client is cancelled by its certificate holder (UDAP DCR section 6); suspend it instead")));
        }
        boolean removed = new ClientRemoval(ports.stores(), clock).remove(found.get());
        audit("client.delete", caller, clientId, removed ? "done" : "conflict");
        return removed ? new OperatorOutcome.Deleted() : new OperatorOutcome.Conflict();
    }

    private Optional<RegistrationError> updateProblem(ClientRecord client, ClientMetadata metadata) {
        if (client.path() != RegistrationPath.MANUAL) {
            return Optional.of(RegistrationError.single(Violation.error("", RegistrationErrorCode.INVALID_REQUEST,
                    "only manually registered clients are updated here; this one registered through "
                            + client.path().code() + " registration, and its developer updates it there")));
        }
        if (usesSecret(metadata) != usesSecret(client.metadata())) {
            return Optional.of(RegistrationError.single(Violation.error(
                    FieldPointer.of(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    "token_endpoint_auth_method cannot change between a client secret and none or private_key_jwt;"
                            + " register the client again instead")));
        }
        return Optional.empty();
    }

    private static boolean usesSecret(ClientMetadata metadata) {
        return SECRET_METHODS.contains(metadata.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD)
                .orElse(ClientMetadata.DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD));
    }

    Optional<ClientRecord> find(String clientId) {
        return ClientId.parse(clientId).flatMap(ports.stores().clients()::find).filter(c -> c.status().visible());
    }

    void audit(String action, String caller, String subject, String outcome) {
        try {
            ports.audit().record(new OperatorAction(action, caller, subject, outcome, clock.instant()));
        } catch (StoreUnavailable unrecorded) {
            // The edge's structured log line names the same action; the action itself stands.
        }
    }
}
