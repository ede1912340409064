package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogRedactionTest {

    private static final String PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
            + "-----END PRIVATE KEY-----";

    static Stream<Arguments> secrets() {
        return Stream.of(
                // (text, what must not survive, what must survive, reason)
                Arguments.of("answer {\"client_id\":\"abc\",\"client_secret\":\"s3cr3t-value\"}", "s3cr3t-value",
                        "\"client_id\":\"abc\"", "RFC 7591 §3.2.1: a client_secret member's value"),
                Arguments.of("client_secret=s3cr3t-value&grant_type=client_credentials", "s3cr3t-value",
                        "grant_type=client_credentials", "a form parameter"),
                Arguments.of("registration_access_token: tok3n-value", "tok3n-value", "registration_access_token",
                        "RFC 7592 §3: the registration access token"),
                Arguments.of("Authorization: Bearer eyJhbGciOi.abc-DEF_123", "abc-DEF_123", "Bearer",
                        "RFC 6750 §2.1: a bearer token"),
                Arguments.of("got Bearer rG7mX2pQ9vLk4sT8wZ1nB6cY3hJ5fD0aE2uI7oP9qWx from", "rG7mX2pQ9vLk4sT8wZ1nB6cY3hJ5fD0aE2uI7oP9qWx",
                        "from", "an opaque bearer token"),
                Arguments.of("key was " + PEM_KEY + " then", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "then",
                        "a PEM private key"),
                Arguments.of("truncated -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "MIIEvQIBADANBgkq",
                        "truncated", "a PEM block cut off before its END line"),
                Arguments.of("fetch https://app.example.com/cb?code=abc123&state=x failed", "abc123",
                        "https://app.example.com/cb", "RFC 3986 §3.4: a URL query"),
                Arguments.of("fetch https://app.example.com/cb#access_token=abc123 failed", "abc123",
                        "https://app.example.com/cb", "RFC 3986 §3.5: a URL fragment"),
                Arguments.of("statement eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl refused", "eyJpc3MiOiJ4In0",
                        "refused", "RFC 7519 §3: a JWT (a software statement)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("secrets")
    void blanksWhatMustNeverBeLogged(String text, String secret, String kept, String reason) {
        assertThat(LogRedaction.redact(text)).doesNotContain(secret).contains(kept).contains("[redacted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordinary")
    void leavesOrdinaryTextAlone(String text) {
        assertThat(LogRedaction.redact(text)).isEqualTo(text);
    }

    static Stream<String> ordinary() {
        return Stream.of("register outcome=registered client_id=kq3F8xUjT1aW0zR5bN7mLg",
                "UDAP_TRUST_ANCHORS_SECRET (udap/anchors) is unreadable",
                "probe urls=5 failed=0 outcomes=ok,ok elapsedMs=12",
                "PutItem on the clients table failed: https://dynamodb.us-east-1.amazonaws.com/");
    }
}
