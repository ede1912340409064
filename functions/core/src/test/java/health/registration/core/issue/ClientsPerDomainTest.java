package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.SequentialIdSource;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientsPerDomainTest {

    private static final URI MANUAL = URI.create("https://manual.example.org/apps");
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    private final InMemoryClientStore store = new InMemoryClientStore();
    /** The port over the in-memory store: counts what {@link ClientsPerDomain#countedDomain} counts. */
    private final DomainClientCount counts = domain -> store.all().stream()
            .filter(r -> ClientsPerDomain.countedDomain(r).equals(Optional.of(domain))).count();

    @ParameterizedTest(name = "{0} -> refused {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://app.example.com      | true  | www.example.com's client counts against example.com
            https://example.com/app      | true  | the registrable domain itself
            https://app.example.org      | false | another registrable domain has its own count
            https://api.github.io/x      | true  | a suspended UDAP client of a private-suffix domain counts
            https://tenant.github.io     | false | a private suffix (PSL private section): each tenant is a domain
            """)
    void refusesANewClientOnceItsDomainHasTheLimit(String clientUri, boolean refused, String reason) {
        store(RegistrationPath.OPEN, ClientStatus.ACTIVE, "https://www.example.com");
        store(RegistrationPath.UDAP, ClientStatus.SUSPENDED, "https://api.github.io");

        Optional<RegistrationError> refusal = new ClientsPerDomain(counts, 1, MANUAL).refusal(withClientUri(clientUri));

        assertThat(refusal.isPresent()).as(reason).isEqualTo(refused);
    }

    @Test
    void admitsUpToTheLimit() {
        store(RegistrationPath.OPEN, ClientStatus.ACTIVE, "https://www.example.com");
        ClientsPerDomain limit = new ClientsPerDomain(counts, 2, MANUAL);

        assertThat(limit.refusal(withClientUri("https://app.example.com"))).isEmpty();
        store(RegistrationPath.OPEN, ClientStatus.ACTIVE, "https://app.example.com");
        assertThat(limit.refusal(withClientUri("https://app.example.com"))).isPresent();
    }

    @Test
    void manualClientsDoNotCount() {
        store(RegistrationPath.MANUAL, ClientStatus.ACTIVE, "https://www.example.com");

        assertThat(new ClientsPerDomain(counts, 1, MANUAL).refusal(withClientUri("https://app.example.com"))).isEmpty();
    }

    @Test
    void theRefusalNamesTheFieldTheLimitAndTheManualRegistrationAddress() {
        store(RegistrationPath.OPEN, ClientStatus.ACTIVE, "https://app.example.com");

        RegistrationError error = new ClientsPerDomain(counts, 1, MANUAL).refusal(withClientUri("https://app.example.com"))
                .orElseThrow();

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.errors()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("/client_uri"));
        assertThat(error.description()).contains("example.com").contains("1 registered clients").contains(MANUAL.toString());
    }

    @ParameterizedTest(name = "{0} {1} counted: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            OPEN   | ACTIVE    | true
            OPEN   | WARNING   | true
            UDAP   | SUSPENDED | true
            OPEN   | PENDING   | false
            OPEN   | DELETING  | false
            OPEN   | ABANDONED | false
            MANUAL | ACTIVE    | false
            """)
    void countsVisibleClientsOfTheOpenAndUdapPathsOnly(RegistrationPath path, ClientStatus status, boolean counted) {
        ClientRecord record = record(path, status, "https://app.example.com");

        assertThat(ClientsPerDomain.countedDomain(record)).isEqualTo(counted ? Optional.of("example.com") : Optional.empty());
    }

    private void store(RegistrationPath path, ClientStatus status, String clientUri) {
        store.create(record(path, status, clientUri));
    }

    private final SequentialIdSource ids = new SequentialIdSource();

    private ClientRecord record(RegistrationPath path, ClientStatus status, String clientUri) {
        return new ClientRecord(ids.newClientId(), status, withClientUri(clientUri),
                path == RegistrationPath.UDAP
                        ? Credentials.ofCertificate(new CertificateBinding("https://app.example.com", "urn:community", "pem", "thumb"), NOW)
                        : new Credentials(null, "hash", NOW, 0), new UrlChecks(NOW, null, NOW), NOW, NOW, 1, path);
    }

    private static ClientMetadata withClientUri(String clientUri) {
        return ClientMetadata.of(ValidMetadata.json().put("client_uri", clientUri));
    }
}
