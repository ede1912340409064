package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stored CRL (RFC 5280 §5): its number, validity and DER, compared by value, its bytes never shared. */
class CrlDocumentTest {

    private static final Instant THIS_UPDATE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NEXT_UPDATE = Instant.parse("2026-01-08T00:00:00Z");
    private static final byte[] DER = {0x30, 0x03, 0x02, 0x01, 0x01};

    private static CrlDocument document(long number, Instant thisUpdate, Instant nextUpdate, byte[] der) {
        return new CrlDocument(BigInteger.valueOf(number), thisUpdate, nextUpdate, der);
    }

    @Test
    void equalDocumentsAreEqualAndHashAlike() {
        CrlDocument one = document(1, THIS_UPDATE, NEXT_UPDATE, DER);
        CrlDocument same = document(1, THIS_UPDATE, NEXT_UPDATE, DER.clone());

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo("a CRL").isNotEqualTo(null);
    }

    @Test
    void documentsDifferingInAnyPartDiffer() {
        CrlDocument one = document(1, THIS_UPDATE, NEXT_UPDATE, DER);

        assertThat(one).isNotEqualTo(document(2, THIS_UPDATE, NEXT_UPDATE, DER))
                .isNotEqualTo(document(1, THIS_UPDATE.plusSeconds(1), NEXT_UPDATE, DER))
                .isNotEqualTo(document(1, THIS_UPDATE, NEXT_UPDATE.plusSeconds(1), DER))
                .isNotEqualTo(document(1, THIS_UPDATE, NEXT_UPDATE, new byte[] {0x30, 0x00}));
        assertThat(one.hashCode()).isNotEqualTo(document(1, THIS_UPDATE, NEXT_UPDATE, new byte[] {0x30, 0x00})
                .hashCode());
    }

    @Test
    void keepsItsOwnCopyOfTheBytesAndEncodesThemAsBase64() {
        byte[] der = DER.clone();
        CrlDocument document = document(1, THIS_UPDATE, NEXT_UPDATE, der);
        der[4] = 0x02;
        document.der()[4] = 0x03;

        assertThat(document.der()).containsExactly(DER);
        assertThat(document.base64()).isEqualTo(Base64.getEncoder().encodeToString(DER)).isEqualTo("MAMCAQE=");
    }

    @Test
    void describesItselfWithoutItsBytes() {
        assertThat(document(7, THIS_UPDATE, NEXT_UPDATE, DER)).hasToString("CrlDocument[number=7, thisUpdate="
                + THIS_UPDATE + ", nextUpdate=" + NEXT_UPDATE + ", 5 bytes]");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void aCrlNumberIsPositive(long number) {
        assertThatIllegalArgumentException().isThrownBy(() -> document(number, THIS_UPDATE, NEXT_UPDATE, DER));
    }

    @Test
    void oneIsTheSmallestCrlNumber() {
        assertThat(document(1, THIS_UPDATE, NEXT_UPDATE, DER).number()).isEqualTo(BigInteger.ONE);
    }
}
