package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The derivations of an Idempotency-Key entry under the server's pepper (HMAC-SHA-256) and the sealed answer. */
class SealedAnswerTest {

    private static final IdempotencyKey KEY = IdempotencyKey.parse("4f1c2e0a-8b7d-4e59-a3c6-91d0f5b2e7aa").value();
    private static final IdempotencyKey OTHER_KEY = IdempotencyKey.parse("4f1c2e0a-8b7d-4e59-a3c6-91d0f5b2e7ab").value();
    private static final String ANSWER = "{\"client_id\":\"client-000000000000001\",\"client_secret\":\"s3cr3t\",\"client_name\":\"Éxample\"}";
    private static final SealedAnswer SEALING = TestPepper.sealing();
    private static final SealedAnswer OTHER_PEPPER = new SealedAnswer(
            () -> IdempotencyPepper.parse("another pepper, also 32 characters or more"));

    @Test
    void opensWhatItSealedUnderTheSameKeyAndPepper() {
        assertThat(SEALING.open(KEY, SEALING.seal(KEY, ANSWER))).contains(ANSWER);
    }

    @Test
    void sealsTheSameAnswerDifferentlyEachTime() {
        String once = SEALING.seal(KEY, ANSWER);
        String twice = SEALING.seal(KEY, ANSWER);

        assertThat(once).isNotEqualTo(twice);
        assertThat(SEALING.open(KEY, twice)).contains(ANSWER);
    }

    @Test
    void cannotBeOpenedWithAnotherKey() {
        assertThat(SEALING.open(OTHER_KEY, SEALING.seal(KEY, ANSWER))).isEmpty();
    }

    @Test
    void cannotBeOpenedWithTheKeyAloneUnderAnotherPepper() {
        String sealed = SEALING.seal(KEY, ANSWER);

        assertThat(OTHER_PEPPER.open(KEY, sealed)).as("the table and the key, without the pepper").isEmpty();
    }

    @Test
    void refusesATamperedSeal() {
        String sealed = SEALING.seal(KEY, ANSWER);
        // A character in the middle: all six of its bits are data (the last one may carry unused padding bits, so
        // changing it could leave the decoded bytes as they were).
        int middle = sealed.length() / 2;
        char changed = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, middle) + changed + sealed.substring(middle + 1);

        assertThat(SEALING.open(KEY, tampered)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AAAA", "not base64 at all!"})
    void refusesWhatIsNotASeal(String text) {
        assertThat(SEALING.open(KEY, text)).isEmpty();
    }

    @Test
    void derivesAStableKeyIdPerKeyAndPepperThatHoldsNeither() {
        String keyId = SEALING.keyId(KEY);

        assertThat(keyId).isEqualTo(SEALING.keyId(KEY)).matches("[A-Za-z0-9_-]{43}")
                .doesNotContain(KEY.value()).doesNotContain(KEY.value().replace("-", ""));
        assertThat(SEALING.keyId(OTHER_KEY)).isNotEqualTo(keyId);
        assertThat(OTHER_PEPPER.keyId(KEY)).as("the same key under another pepper").isNotEqualTo(keyId);
    }

    @Test
    void treatsAUuidInAnyCaseAsOneKey() {
        IdempotencyKey upper = IdempotencyKey.parse(KEY.value().toUpperCase()).value();

        assertThat(SEALING.keyId(upper)).isEqualTo(SEALING.keyId(KEY));
        assertThat(SEALING.open(upper, SEALING.seal(KEY, ANSWER))).contains(ANSWER);
    }

    @Test
    void fingerprintsTheBodyUnderTheKeySoEqualBodiesOfTwoKeysDoNotMatch() {
        byte[] body = "{\"client_name\":\"App\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(SEALING.bodyHash(KEY, body)).isEqualTo(SEALING.bodyHash(KEY, body))
                .isNotEqualTo(SEALING.bodyHash(OTHER_KEY, body))
                .isNotEqualTo(SEALING.bodyHash(KEY, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(OTHER_PEPPER.bodyHash(KEY, body));
    }

    @Test
    void keepsTheIdTheFingerprintAndTheSealingKeyApart() {
        assertThat(SEALING.keyId(KEY)).isNotEqualTo(SEALING.bodyHash(KEY, new byte[0]));
    }

    @Test
    void readsThePepperOnUseNotWhenBuilt() {
        int[] reads = {0};
        SealedAnswer sealing = new SealedAnswer(() -> {
            reads[0]++;
            return TestPepper.PEPPER;
        });
        assertThat(reads[0]).isZero();

        sealing.keyId(KEY);

        assertThat(reads[0]).isOne();
    }

    @Test
    void refusesAShortPepper() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> IdempotencyPepper.parse("x".repeat(31))).withMessageNotContaining("xxx");
    }
}
