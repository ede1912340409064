package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.DomainName;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * At most so many visible clients per registrable domain of {@code client_uri} (the Public Suffix List's, as
 * {@link DomainName#registrableDomain()} reads it) on the open and UDAP paths, so that one party cannot fill the
 * registry (each client costs a secret and a daily probe). The manual path is exempt and its clients are not
 * counted: the operator registers them on purpose. Checked before a new client is created, never for an update of
 * an existing one. The count is read, not reserved: registrations of one domain running at the same moment may each
 * see room, so the limit can be passed by the number of registrations in flight together (at most the register
 * function's concurrency), never more.
 */
public final class ClientsPerDomain {

    private final DomainClientCount counts;
    private final long limit;
    private final URI manualRegistrationUrl;

    /** @param limit clients per registrable domain, at least 1 */
    public ClientsPerDomain(DomainClientCount counts, long limit, URI manualRegistrationUrl) {
        if (limit < 1) {
            throw new IllegalArgumentException("the clients per domain limit is at least 1");
        }
        this.counts = Objects.requireNonNull(counts);
        this.limit = limit;
        this.manualRegistrationUrl = Objects.requireNonNull(manualRegistrationUrl);
    }

    /** The refusal when a new client with this metadata would pass its domain's limit; empty when it may register. */
    public Optional<RegistrationError> refusal(ClientMetadata metadata) {
        Optional<String> domain = registrableDomain(metadata);
        if (domain.isEmpty() || counts.clientsOf(domain.get()) < limit) {
            return Optional.empty();
        }
        return Optional.of(RegistrationError.single(Violation.error(FieldPointer.of(MetadataMember.CLIENT_URI.jsonName()),
                RegistrationErrorCode.INVALID_CLIENT_METADATA,
                "client_uri's domain " + domain.get() + " already has " + limit + " registered clients, the most dynamic "
                        + "registration accepts for one domain; register further apps manually at " + manualRegistrationUrl)));
    }

    /**
     * The domain a stored client counts against: the registrable domain of its {@code client_uri} while it is
     * visible, for the open and UDAP paths; empty for manual clients, and for pending, abandoned or deleting ones.
     */
    public static Optional<String> countedDomain(ClientRecord record) {
        if (!record.status().visible() || record.path() == RegistrationPath.MANUAL) {
            return Optional.empty();
        }
        return registrableDomain(record.metadata());
    }

    private static Optional<String> registrableDomain(ClientMetadata metadata) {
        return metadata.text(MetadataMember.CLIENT_URI)
                .flatMap(uri -> WebUrl.parse(uri).toOptional())
                .flatMap(url -> DomainName.parse(url.host()).toOptional())
                .flatMap(DomainName::registrableDomain);
    }
}
