package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyDigestTest {

    @Test
    void isSha256OfTheUtf8TextInBase64urlWithoutPadding() {
        // FIPS 180-2 Appendix B.1: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertThat(KeyDigest.of("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void hasAFixedLengthWithoutTheKeySeparatorWhateverTheText() {
        for (String text : new String[] {"", "#", "https://app.example.org/fhir#x", "健康".repeat(500)}) {
            assertThat(KeyDigest.of(text)).hasSize(43).doesNotContain("#").matches("[A-Za-z0-9_-]+");
        }
    }
}
