package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The log check of the registration ITs finds a leaked credential, and says where without repeating it. */
class IssuedCredentialsTest {

    private static final String SECRET = "s3cr3t-value-of-forty-three-characters-xxxx";
    private static final String TOKEN = "t0ken-value-of-forty-three-characters-yyyyy";

    private static IssuedCredentials issuedOnce() {
        IssuedCredentials issued = new IssuedCredentials();
        JSONObject answer = new JSONObject();
        answer.put("client_id", "client-1");
        answer.put("client_secret", SECRET);
        answer.put("registration_access_token", TOKEN);
        issued.recordAnswer(answer);
        return issued;
    }

    @Test
    void keepsTheSecretAndTheTokenOfAnAnswer() {
        assertThat(issuedOnce().count()).isEqualTo(2);
    }

    @Test
    void passesALogThatHoldsNeither() {
        assertThatCode(() -> issuedOnce().assertNoneIn("POST /register -> 201\n[RegisterFunction x] clientId=client-1\n"))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheLineAndTheKindOfEachLeakWithoutTheValue() {
        String log = "first line\nbody was {\"client_secret\":\"" + SECRET + "\"}\nAuthorization: Bearer " + TOKEN + "\n";

        assertThatThrownBy(() -> issuedOnce().assertNoneIn(log)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("line 2 contains the client_secret of client-1")
                .hasMessageContaining("line 3 contains a registration_access_token of client-1")
                .message().doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void ignoresAnAnswerWithoutCredentials() {
        IssuedCredentials issued = new IssuedCredentials();
        JSONObject read = new JSONObject();
        read.put("client_id", "client-1");
        issued.recordAnswer(read);

        assertThat(issued.count()).isZero();
    }
}
