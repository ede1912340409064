package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trust anchors from PEM text (UDAP DCR §4.2 "trusted anchor"), each naming its community. */
class TrustAnchorsTest {

    private static final TestPki ALPHA = TestPki.create("alpha");
    private static final TestPki BETA = TestPki.create("beta");
    private static final String ALPHA_PEM = TestPki.pem(ALPHA.root().certificate());
    private static final String BETA_PEM = TestPki.pem(BETA.root().certificate());

    @Test
    void namesEachAnchorsCommunityFromTheLineBeforeIt() {
        TrustAnchors anchors = TrustAnchors.parse("# Communities this server trusts\n\ncommunity: urn:example:alpha\n"
                + ALPHA_PEM + "\n# community: https://beta.example.org/udap\n" + BETA_PEM);

        assertThat(anchors.communities()).extracting(TrustCommunity::uri)
                .containsExactly("urn:example:alpha", "https://beta.example.org/udap");
        assertThat(anchors.communities()).extracting(TrustCommunity::anchor)
                .containsExactly(ALPHA.root().certificate(), BETA.root().certificate());
        assertThat(anchors.byUri("https://beta.example.org/udap")).map(TrustCommunity::anchor)
                .contains(BETA.root().certificate());
        assertThat(anchors.byUri("urn:example:gamma")).isEmpty();
        assertThat(anchors.isEmpty()).isFalse();
    }

    @Test
    void derivesTheCommunityOfAnUnnamedAnchorFromItsSha256() throws Exception {
        String expected = "urn:sha-256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(BETA.root().certificate().getEncoded()));

        TrustAnchors anchors = TrustAnchors.parse("community: urn:example:alpha\n" + ALPHA_PEM + BETA_PEM);

        assertThat(anchors.communities()).extracting(TrustCommunity::uri).containsExactly("urn:example:alpha", expected);
        assertThat(expected).matches("urn:sha-256:[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "\n\n", "# no anchors yet\n", "  \r\n\t\r\n"})
    void readsNoAnchorsFromTextWithoutCertificates(String text) {
        assertThat(TrustAnchors.parse(text).isEmpty()).isTrue();
        assertThat(TrustAnchors.parse(text).communities()).isEmpty();
    }

    @Test
    void readsWindowsLineEndingsAndIndentedLines() {
        String crlf = ("  community: urn:example:alpha  \n" + ALPHA_PEM).replace("\n", "\r\n");

        assertThat(TrustAnchors.parse(crlf).byUri("urn:example:alpha")).isPresent();
    }

    @Test
    void refusesACertificateThatIsNotACaNamingItsBlock() {
        String leaf = TestPki.pem(ALPHA.rsaLeaf("https://app.example.com").certificate());

        assertThatThrownBy(() -> TrustAnchors.parse(ALPHA_PEM + leaf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate block 2").hasMessageContaining("not a CA certificate");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("garbage")
    void refusesTextThatIsNotAnchorsSayingWhere(String reason, String text, String message) {
        assertThatThrownBy(() -> TrustAnchors.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> garbage() {
        String notACertificate = Base64.getEncoder().encodeToString("hello, world".getBytes());
        return Stream.of(
                Arguments.of("prose", "these are my anchors", "line 1 is neither"),
                Arguments.of("prose after a certificate", ALPHA_PEM + "trailing words\n",
                        "line " + (ALPHA_PEM.lines().count() + 1) + " is neither"),
                Arguments.of("a block without its end line", "-----BEGIN CERTIFICATE-----\nMIIB\n", "certificate block 1 has no"),
                Arguments.of("base64 that is not a certificate",
                        "-----BEGIN CERTIFICATE-----\n" + notACertificate + "\n-----END CERTIFICATE-----\n", "certificate block 1 is not a DER"),
                Arguments.of("a block that is not base64", ALPHA_PEM + "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
                        "certificate block 2 is not a DER"),
                Arguments.of("a private key", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n", "line 1 is neither"),
                Arguments.of("a community with no certificate after it", ALPHA_PEM + "community: urn:example:x\n", "has no certificate after it"),
                Arguments.of("two communities for one certificate", "community: urn:a:1\ncommunity: urn:a:2\n" + ALPHA_PEM,
                        "line 2 names a second community"),
                Arguments.of("a community that is not an absolute URI", "community: not-a-uri\n" + ALPHA_PEM, "not an absolute URI"),
                Arguments.of("a commented community with words after it", "# community: urn:example:x see the wiki\n" + ALPHA_PEM,
                        "the community on line 1 is not an absolute URI"),
                Arguments.of("an empty community", "community:\n" + ALPHA_PEM, "not an absolute URI"),
                Arguments.of("the same anchor twice", ALPHA_PEM + BETA_PEM + ALPHA_PEM, "certificate block 3 repeats"),
                Arguments.of("the same community twice",
                        "community: urn:example:x\n" + ALPHA_PEM + "community: urn:example:x\n" + BETA_PEM, "certificate block 2 repeats"));
    }
}
