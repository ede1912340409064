package health.registration.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizationServerClientTest {

    private static final String JWKS = "{\"keys\":[]}";

    @ParameterizedTest(name = "{0} with secret={1} jwks={2}: accepted={3}")
    @CsvSource({
        // a secret goes with the client_secret_* methods only, and they need one
        "client_secret_basic, true, false, true",
        "client_secret_post, true, false, true",
        "client_secret_basic, false, false, false",
        "client_secret_post, true, true, false",
        // a public client has neither a secret nor keys
        "none, false, false, true",
        "none, true, false, false",
        "none, false, true, false",
        // private_key_jwt needs the keys and never has a secret
        "private_key_jwt, false, true, true",
        "private_key_jwt, false, false, false",
        "private_key_jwt, true, true, false",
    })
    void acceptsExactlyTheCredentialsItsAuthenticationUses(
            String method, boolean withSecret, boolean withJwks, boolean accepted) {
        ClientAuthentication authentication = ClientAuthentication.fromWireName(method).orElseThrow();
        Optional<String> secret = withSecret ? Optional.of("s3cret") : Optional.empty();
        Optional<String> jwks = withJwks ? Optional.of(JWKS) : Optional.empty();
        if (accepted) {
            assertThat(client(authentication, secret, jwks).authentication()).isEqualTo(authentication);
        } else {
            assertThatThrownBy(() -> client(authentication, secret, jwks))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"client_secret_jwt", "tls_client_auth", "''", "NONE"})
    void knowsNoOtherAuthenticationMethod(String method) {
        assertThat(ClientAuthentication.fromWireName(method)).isEmpty();
    }

    @Test
    void neverPrintsTheSecret() {
        AuthorizationServerClient client = client(
                ClientAuthentication.CLIENT_SECRET_BASIC, Optional.of("do-not-log-me"), Optional.empty());

        assertThat(client.toString()).doesNotContain("do-not-log-me").contains("client_secret_basic");
    }

    private static AuthorizationServerClient client(
            ClientAuthentication authentication, Optional<String> secret, Optional<String> jwks) {
        return new AuthorizationServerClient("c-1", authentication, secret, jwks,
                List.of("https://app.example/cb"), Set.of("authorization_code"), true);
    }
}
