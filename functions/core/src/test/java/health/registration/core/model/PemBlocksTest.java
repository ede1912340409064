package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemBlocksTest {

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    @Test
    void readsEveryBlockInOrderIgnoringTextAroundThem() {
        String text = "the server's chain\n" + block("CERTIFICATE", new byte[] {1, 2}) + "then its key\n"
                + block("PRIVATE KEY", new byte[] {3});

        List<PemBlocks.Block> blocks = PemBlocks.read(text);

        assertThat(blocks).extracting(PemBlocks.Block::label).containsExactly("CERTIFICATE", "PRIVATE KEY");
        assertThat(blocks.get(0).der()).containsExactly(1, 2);
        assertThat(blocks.get(1).der()).containsExactly(3);
        assertThat(PemBlocks.read("no blocks here")).isEmpty();
    }

    @Test
    void parsesABlockAsPemParserDoesByItsLabel() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();

        Object parsed = PemBlocks.read(block("PUBLIC KEY", publicKey)).get(0).parsed();

        assertThat(parsed).isInstanceOf(SubjectPublicKeyInfo.class);
        assertThatIllegalArgumentException().isThrownBy(() -> PemBlocks.read(block("NO SUCH LABEL", publicKey)).get(0).parsed())
                .withMessageContaining("NO SUCH LABEL").satisfies(e -> assertThat(e).hasNoCause());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no END line|-----BEGIN CERTIFICATE-----\\nAQID\\n",
        "END of another label|-----BEGIN CERTIFICATE-----\\nAQID\\n-----END PRIVATE KEY-----\\n",
    })
    void refusesABrokenBlockWithoutQuotingIt(String reason, String escaped) {
        String text = escaped.replace("\\n", "\n");

        assertThatIllegalArgumentException().isThrownBy(() -> PemBlocks.read(text))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AQID"))
                .satisfies(e -> assertThat(e).hasNoCause());
    }
}
