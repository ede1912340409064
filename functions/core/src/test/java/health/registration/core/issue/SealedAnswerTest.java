package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedAnswerTest {

    private static final String KEY = "4f1c2e0a-8b7d-4e59-a3c6-91d0f5b2e7aa";
    private static final String ANSWER = "{\"client_id\":\"client-000000000000001\",\"client_secret\":\"s3cr3t\",\"client_name\":\"Éxample\"}";

    @Test
    void opensWhatItSealedWithTheSameKey() {
        assertThat(SealedAnswer.open(KEY, SealedAnswer.seal(KEY, ANSWER))).contains(ANSWER);
    }

    @Test
    void sealsTheSameAnswerDifferentlyEachTimeAndNeverInClear() {
        String once = SealedAnswer.seal(KEY, ANSWER);
        String twice = SealedAnswer.seal(KEY, ANSWER);

        assertThat(once).isNotEqualTo(twice).matches("[A-Za-z0-9_-]+").doesNotContain("s3cr3t").doesNotContain("client");
        assertThat(SealedAnswer.open(KEY, twice)).contains(ANSWER);
    }

    @Test
    void opensNothingWithAnotherKey() {
        String sealed = SealedAnswer.seal(KEY, ANSWER);

        assertThat(SealedAnswer.open(KEY + "x", sealed)).isEmpty();
        assertThat(SealedAnswer.open("", sealed)).isEmpty();
    }

    @ParameterizedTest(name = "a change at character {0} is detected")
    @ValueSource(ints = {0, 5, 16, 40, -2})
    void opensNothingOnceTheSealedTextWasAltered(int position) {
        String sealed = SealedAnswer.seal(KEY, ANSWER);
        int at = position < 0 ? sealed.length() + position : position;
        char replacement = sealed.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, at) + replacement + sealed.substring(at + 1);

        assertThat(SealedAnswer.open(KEY, tampered)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" opens to nothing")
    @ValueSource(strings = {"", "AAAA", "not base64url!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void opensNothingFromTextItNeverSealed(String text) {
        assertThat(SealedAnswer.open(KEY, text)).isEmpty();
    }

    @Test
    void derivesTheSameKeyIdFromTheSameKeyAndDifferentOnesFromDifferentKeys() {
        assertThat(SealedAnswer.keyId(KEY)).isEqualTo(SealedAnswer.keyId(KEY)).matches("[A-Za-z0-9_-]{43}");
        assertThat(SealedAnswer.keyId(KEY)).isNotEqualTo(SealedAnswer.keyId(KEY.replace('a', 'b')));
        assertThat(SealedAnswer.keyId("a")).isNotEqualTo(SealedAnswer.keyId("b"));
    }

    @Test
    void derivesAKeyIdThatIsNeitherTheKeyNorItsPlainHash() {
        String keyId = SealedAnswer.keyId(KEY);

        assertThat(keyId).doesNotContain(KEY)
                .isNotEqualTo(SealedAnswer.bodyHash(KEY.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(new RegistrationAccessToken(KEY).hash());
    }

    @Test
    void hashesBodiesWithSha256() {
        // SHA-256("abc"), base64url without padding (FIPS 180-2 test vector)
        assertThat(SealedAnswer.bodyHash("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(SealedAnswer.bodyHash("{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SealedAnswer.bodyHash("{ }".getBytes(StandardCharsets.UTF_8)));
    }
}
