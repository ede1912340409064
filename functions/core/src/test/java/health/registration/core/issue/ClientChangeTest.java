package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a change event tells the authorization server (docs/architecture.md): compared by value, its metadata by
 * JSON, and described with the codes the events use.
 */
class ClientChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final CertificateBinding BINDING = new CertificateBinding("CN=Issuer", "community", "MIIB", "thumb");

    private static ClientMetadata metadata(String name) throws Exception {
        return ClientMetadata.of((ObjectNode) JSON.readTree("{\"client_name\": \"" + name + "\"}"));
    }

    private static ClientChange change(long version, RegistrationPath path, ClientStatus status, Instant at,
                                       String name, Long expiresAt, CertificateBinding binding) throws Exception {
        return new ClientChange(version, path, status, at, metadata(name), expiresAt, binding);
    }

    @Test
    void equalChangesAreEqualAndHashAlike() throws Exception {
        ClientChange one = change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, BINDING);
        ClientChange same = change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, BINDING);

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("a change").isNotEqualTo(null);
    }

    @Test
    void changesDifferingInAnyPartDiffer() throws Exception {
        ClientChange one = change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, BINDING);

        assertThat(one)
                .isNotEqualTo(change(4, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, BINDING))
                .isNotEqualTo(change(3, RegistrationPath.OPEN, ClientStatus.ACTIVE, AT, "App", 100L, BINDING))
                .isNotEqualTo(change(3, RegistrationPath.UDAP, ClientStatus.SUSPENDED, AT, "App", 100L, BINDING))
                .isNotEqualTo(change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT.plusSeconds(1), "App", 100L,
                        BINDING))
                .isNotEqualTo(change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "Other", 100L, BINDING))
                .isNotEqualTo(change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", null, BINDING))
                .isNotEqualTo(change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, null));
        assertThat(one.hashCode()).isNotEqualTo(
                change(4, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", 100L, BINDING).hashCode());
    }

    @Test
    void describesItselfWithTheEventsCodes() throws Exception {
        assertThat(change(3, RegistrationPath.UDAP, ClientStatus.ACTIVE, AT, "App", null, null)).hasToString(
                "ClientChange[version=3, path=udap, status=active, changedAt=2026-03-01T10:00:00Z,"
                        + " metadata={\"client_name\":\"App\"}, secretExpiresAt=null, certificate=null]");
    }
}
