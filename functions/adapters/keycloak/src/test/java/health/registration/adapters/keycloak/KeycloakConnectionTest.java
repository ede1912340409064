package health.registration.adapters.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeycloakConnectionTest {

    @Test
    void isAbsentWithoutABaseUrl() {
        assertThat(KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_REALM", "fhir"))).isEmpty();
        assertThat(KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL", " "))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.136:8080, http://127.0.0.136:8080",
        "https://auth.example.org/, https://auth.example.org",
        "https://auth.example.org/kc//, https://auth.example.org/kc",
    })
    void readsTheEnvironmentAndDropsTrailingSlashes(String given, String expected) {
        KeycloakConnection connection = KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL", given,
                "KEYCLOAK_REALM", "fhir", "KEYCLOAK_ADMIN_USERNAME", "admin", "KEYCLOAK_ADMIN_PASSWORD", "pw"))
                .orElseThrow();

        assertThat(connection.baseUrl()).hasToString(expected);
        assertThat(connection.realm()).isEqualTo("fhir");
    }

    @ParameterizedTest
    @CsvSource({"ftp://auth.example.org", "auth.example.org", "file:///etc/passwd"})
    void refusesAnythingButAnHttpUrl(String given) {
        assertThatThrownBy(() -> KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL", given,
                "KEYCLOAK_REALM", "fhir", "KEYCLOAK_ADMIN_USERNAME", "admin", "KEYCLOAK_ADMIN_PASSWORD", "pw")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingRealmOrAdministrator() {
        assertThatThrownBy(() -> KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL",
                "http://127.0.0.136:8080", "KEYCLOAK_ADMIN_USERNAME", "admin", "KEYCLOAK_ADMIN_PASSWORD", "pw")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsThePassword() {
        KeycloakConnection connection = KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL",
                "http://127.0.0.136:8080", "KEYCLOAK_REALM", "fhir", "KEYCLOAK_ADMIN_USERNAME", "admin",
                "KEYCLOAK_ADMIN_PASSWORD", "do-not-log-me")).orElseThrow();

        assertThat(connection.toString()).doesNotContain("do-not-log-me");
    }

    @Test
    void readsTheAdministratorFromTheNamedSecretInsteadOfTheVariables() {
        Map<String, String> secrets = Map.of("keycloak/admin", "{\"username\": \"connector\", \"password\": \"pw2\"}");

        KeycloakConnection connection = KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL",
                "https://auth.example.org", "KEYCLOAK_REALM", "fhir", "KEYCLOAK_ADMIN_CREDENTIALS_SECRET",
                "keycloak/admin", "KEYCLOAK_ADMIN_USERNAME", "ignored", "KEYCLOAK_ADMIN_PASSWORD", "ignored"),
                secrets::get).orElseThrow();

        assertThat(connection.username()).isEqualTo("connector");
        assertThat(connection.password()).isEqualTo("pw2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"username\": \"connector\"}",
        "{\"username\": \"connector\", \"password\": 7}",
        "not json, password=leaked",
    })
    void refusesASecretThatIsNotAnAdministratorWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_BASE_URL",
                "https://auth.example.org", "KEYCLOAK_REALM", "fhir", "KEYCLOAK_ADMIN_CREDENTIALS_SECRET",
                "keycloak/admin"), name -> text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEYCLOAK_ADMIN_CREDENTIALS_SECRET")
                .hasMessageNotContaining("leaked");
    }

    @Test
    void aSecretWithoutABaseUrlIsNoKeycloak() {
        assertThat(KeycloakConnection.fromEnvironment(Map.of("KEYCLOAK_ADMIN_CREDENTIALS_SECRET", "keycloak/admin"),
                name -> { throw new AssertionError("no secret is read without a Keycloak"); })).isEmpty();
    }
}
