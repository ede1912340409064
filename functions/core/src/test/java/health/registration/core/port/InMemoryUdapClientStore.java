package health.registration.core.port;

import health.registration.core.udap.UdapClientStore;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UDAP registrations in memory, on the terms of the DynamoDB adapter: the records live in an
 * {@link InMemoryClientStore}, so they are visible through the {@link ClientStore} port too, and a map from
 * (community, iss) to client id is written and removed with them under one lock. {@link #register} conflicts when the
 * pair is mapped or the client id taken; {@link #replace} and {@link #cancel} need the pair mapped to the record's
 * client id and the version to match, and refuse a record whose community or issuer differ from the stored record's
 * ({@link IllegalArgumentException}); {@link #findByIssuer} hides records that are not visible. As with the table,
 * records removed through the client store leave their mapping behind. Thread-safe.
 */
public final class InMemoryUdapClientStore implements UdapClientStore {

    private record Registration(String community, String issuer) {}

    private final Map<Registration, ClientId> mappings = new HashMap<>();
    private final InMemoryClientStore clients;

    public InMemoryUdapClientStore() {
        this(new InMemoryClientStore());
    }

    /** A store whose records are those of the given client store, as the adapters share one table. */
    public InMemoryUdapClientStore(InMemoryClientStore clients) {
        this.clients = clients;
    }

    /** The client store that holds the records. */
    public InMemoryClientStore clients() {
        return clients;
    }

    @Override
    public synchronized Optional<ClientRecord> findByIssuer(String community, String issuer) {
        ClientId clientId = mappings.get(new Registration(community, issuer));
        if (clientId == null) {
            return Optional.empty();
        }
        Optional<ClientRecord> record = clients.find(clientId);
        if (record.isPresent() && !boundTo(record.get(), new Registration(community, issuer))) {
            throw new StoreUnavailable("an issuer is mapped to a client bound elsewhere", null);
        }
        return record.filter(r -> r.status().visible());
    }

    @Override
    public synchronized List<ClientRecord> boundTo(String thumbprint) {
        return clients.all().stream().filter(r -> r.credentials().certificate() != null
                && r.credentials().certificate().thumbprint().equals(thumbprint)).toList();
    }

    @Override
    public synchronized void register(ClientRecord record) {
        Registration registration = registration(record);
        if (mappings.containsKey(registration)) {
            throw new WriteConflict("the issuer is registered in this trust community already");
        }
        clients.create(record);
        mappings.put(registration, record.clientId());
    }

    @Override
    public synchronized void replace(ClientRecord replacement) {
        requireMapped(replacement);
        clients.replace(replacement);
    }

    @Override
    public synchronized void cancel(ClientRecord record) {
        Registration registration = requireMapped(record);
        clients.delete(record.clientId(), record.version());
        mappings.remove(registration);
    }

    /** The number of (community, iss) pairs mapped, orphaned ones included. */
    public synchronized int registrations() {
        return mappings.size();
    }

    private Registration requireMapped(ClientRecord record) {
        Registration registration = registration(record);
        Optional<ClientRecord> stored = clients.find(record.clientId());
        if (stored.isPresent() && !boundTo(stored.get(), registration)) {
            throw new IllegalArgumentException("a UDAP registration keeps its trust community and issuer");
        }
        if (!record.clientId().equals(mappings.get(registration))) {
            throw new WriteConflict("the registration was changed or cancelled meanwhile");
        }
        return registration;
    }

    private static Registration registration(ClientRecord record) {
        CertificateBinding binding = record.credentials().certificate();
        if (binding == null) {
            throw new IllegalArgumentException("a UDAP registration needs a certificate binding");
        }
        return new Registration(binding.community(), binding.issuer());
    }

    private static boolean boundTo(ClientRecord record, Registration registration) {
        CertificateBinding binding = record.credentials().certificate();
        return binding != null && registration.equals(new Registration(binding.community(), binding.issuer()));
    }
}
