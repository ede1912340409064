package health.registration.core.issue;

import health.registration.core.port.WriteConflict;
import health.registration.core.port.StoreUnavailable;
import java.util.Optional;

/**
 * Port: client secrets (AWS Secrets Manager), one secret per client, named {@code SECRET_PREFIX + client_id} and
 * tagged with the client id. All methods throw {@link StoreUnavailable} when the store cannot answer.
 */
public interface SecretStore {

    /**
     * Stores a client's secret and returns where it lives (its ARN). Safe to retry without reading any secret back:
     * storing the same secret for the same client again returns the same ARN.
     * @throws WriteConflict when the client already has another secret
     */
    String create(ClientId clientId, ClientSecret secret);

    /** The client's secret, or empty when it has none (or it is scheduled for deletion). */
    Optional<ClientSecret> read(ClientId clientId);

    /**
     * Schedules the secret of a deleted client for deletion, with the store's recovery window; does nothing when
     * there is none or it is already scheduled.
     */
    void scheduleDeletion(ClientId clientId);

    /**
     * Deletes at once, without recovery, the secret of a registration that never completed (it was never given to
     * anyone); does nothing when there is none. Only the cleanup calls it: the registering function may not delete.
     */
    void destroy(ClientId clientId);
}
