package health.registration.core.udap;

import static health.registration.core.udap.UdapMetadataFixture.BASE_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IG STU2 §2.4: the default signing credentials and those of particular communities, from one PEM text. */
class CommunitySigningCredentialsTest {

    private static final UdapMetadataFixture ALPHA = new UdapMetadataFixture();
    private static final String BETA = "urn:example:udap:community-beta";
    private static final TestPki BETA_PKI = TestPki.create("beta", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final TestCredential BETA_SERVER = BETA_PKI.rsaLeaf(BASE_URL);

    static String betaPem() {
        return UdapMetadataFixture.keyPem(BETA_SERVER.privateKey())
                + BETA_PKI.chain(BETA_SERVER).stream().map(TestPki::pem).reduce("", String::concat);
    }

    @Test
    void readsTheDefaultAndEachCommunityAfterItsLine() {
        CommunitySigningCredentials credentials = CommunitySigningCredentials.parse(
                ALPHA.credentialsPem() + "\n# community: " + BETA + "\n" + betaPem(), BASE_URL);

        assertThat(credentials.defaults().leaf()).isEqualTo(ALPHA.server().certificate());
        assertThat(credentials.ofCommunity(BETA).orElseThrow().leaf()).isEqualTo(BETA_SERVER.certificate());
        assertThat(credentials.ofCommunity(UdapMetadataFixture.COMMUNITY)).isEmpty();
        assertThat(credentials.communities()).containsExactly(BETA);
    }

    @Test
    void readsTheOldFormatAsTheDefaultAlone() {
        CommunitySigningCredentials credentials = CommunitySigningCredentials.parse(ALPHA.credentialsPem(), BASE_URL);

        assertThat(credentials.defaults().leaf()).isEqualTo(ALPHA.server().certificate());
        assertThat(credentials.communities()).isEmpty();
    }

    @Test
    void refusesACommunityLeafWithoutTheFhirBaseUrlNamingTheCommunityAndTheCertificate() {
        TestCredential elsewhere = BETA_PKI.rsaLeaf("https://other.example.org/fhir");
        String pem = ALPHA.credentialsPem() + "community: " + BETA + "\n"
                + UdapMetadataFixture.keyPem(elsewhere.privateKey()) + TestPki.pem(elsewhere.certificate());

        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(pem, BASE_URL))
                .withMessageContaining("community " + BETA)
                .withMessageContaining(elsewhere.certificate().getSubjectX500Principal().getName())
                .withMessageContaining("FHIR base URL " + BASE_URL);
    }

    @Test
    void refusesACommunityTwiceACommunityWithoutKeyAndNoDefault() {
        String part = "community: " + BETA + "\n" + betaPem();

        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(
                ALPHA.credentialsPem() + part + part, BASE_URL)).withMessageContaining("twice");
        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(
                ALPHA.credentialsPem() + "community: " + BETA + "\n", BASE_URL))
                .withMessageContaining("community " + BETA).withMessageContaining("no PKCS#8 private key");
        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(part, BASE_URL))
                .withMessageContaining("default key and chain");
        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(
                ALPHA.credentialsPem() + "community: not a uri\n" + betaPem(), BASE_URL))
                .withMessageContaining("absolute URI");
    }

    @Test
    void knowsWhetherAChainLeadsToACommunitysAnchor() {
        ServerSigningCredentials beta = ServerSigningCredentials.fromPem(betaPem(), BASE_URL);
        TrustCommunity betaCommunity = TrustAnchors.parse(BETA_PKI.anchorPem(BETA)).communities().get(0);
        TrustCommunity alphaCommunity = TrustAnchors.parse(ALPHA.anchorsPem()).communities().get(0);

        assertThat(CommunitySigningCredentials.issuedIn(beta, betaCommunity)).isTrue();
        assertThat(CommunitySigningCredentials.issuedIn(beta, alphaCommunity)).isFalse();
        assertThat(CommunitySigningCredentials.issuedIn(ALPHA.credentials(), alphaCommunity)).isTrue();
    }

    @Test
    void countsAChainEndingInTheAnchorItselfAsIssuedThere() {
        TrustCommunity beta = TrustAnchors.parse(BETA_PKI.anchorPem(BETA)).communities().get(0);
        List<X509Certificate> withAnchor = List.of(BETA_SERVER.certificate(), BETA_PKI.intermediate().certificate(),
                BETA_PKI.root().certificate());

        assertThat(CommunitySigningCredentials.issuedIn(ServerSigningCredentials.of(BETA_SERVER.privateKey(), withAnchor,
                BASE_URL), beta)).isTrue();
    }

    @Test
    void requiresBothTheAnchorsSignatureAndItsNameOnTheLastCertificate() {
        TrustCommunity beta = TrustAnchors.parse(BETA_PKI.anchorPem(BETA)).communities().get(0);
        X509Certificate anchor = BETA_PKI.root().certificate();
        Instant from = anchor.getNotBefore().toInstant();
        Instant until = anchor.getNotAfter().toInstant();
        // The anchor's name with another key, and the anchor's key under another name.
        TestAuthority forger = TestAuthority.root("beta Root CA", TestKeys.rsa(), from, until, BETA_PKI.crlUrl("forger"));
        TestAuthority renamed = TestAuthority.root("beta Renamed CA", BETA_PKI.root().credential().keys(), from, until,
                BETA_PKI.crlUrl("renamed"));
        assertThat(forger.certificate().getSubjectX500Principal()).isEqualTo(anchor.getSubjectX500Principal());

        for (TestAuthority issuer : List.of(forger, renamed)) {
            TestCredential leaf = issuer.issue(BETA_PKI.leafSpec(BASE_URL));
            ServerSigningCredentials credentials = ServerSigningCredentials.of(leaf.privateKey(),
                    List.of(leaf.certificate()), BASE_URL);

            assertThat(CommunitySigningCredentials.issuedIn(credentials, beta))
                    .as("issued by %s", issuer.certificate().getSubjectX500Principal()).isFalse();
        }
    }

    @Test
    void namesItsCommunitiesButNoKeyInItsText() {
        CommunitySigningCredentials credentials = CommunitySigningCredentials.parse(
                ALPHA.credentialsPem() + "\n# community: " + BETA + "\n" + betaPem(), BASE_URL);

        assertThat(credentials.toString()).startsWith("CommunitySigningCredentials[default=")
                .endsWith(", communities=[" + BETA + "]]")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(BETA_SERVER.privateKey().getEncoded())
                        .substring(0, 40));
    }
}
