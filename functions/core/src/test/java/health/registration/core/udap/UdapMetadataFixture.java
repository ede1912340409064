package health.registration.core.udap;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A UDAP server for tests of the discovery document: a test PKI built around the real current time (so the signed
 * metadata's {@code exp} is in the future as Inferno sees it), a server leaf whose SAN URI is {@link #BASE_URL}, its
 * PEM texts, and the settings and metadata built from them. Shared with other modules through core's test-jar.
 */
public final class UdapMetadataFixture {

    public static final String BASE_URL = "https://fhir.example.org/r4";
    public static final String COMMUNITY = "urn:example:udap:community-alpha";
    public static final URI REGISTRATION_ENDPOINT = URI.create("https://fhir.example.org/r4/register");
    public static final URI AUTHORIZATION_ENDPOINT = URI.create("https://auth.example.org/authorize");
    public static final URI TOKEN_ENDPOINT = URI.create("https://auth.example.org/token");
    public static final List<String> SCOPES = List.of("openid", "fhirUser", "system/*.rs", "user/*.rs");

    private final TestPki pki;
    private final TestCredential server;

    public UdapMetadataFixture() {
        this.pki = TestPki.create("server", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        this.server = pki.rsaLeaf(BASE_URL);
    }

    public TestPki pki() {
        return pki;
    }

    public TestCredential server() {
        return server;
    }

    /** The key as an unencrypted PKCS#8 PEM block. */
    public static String keyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public String keyPem() {
        return keyPem(server.privateKey());
    }

    /** The chain, leaf first: the server leaf, then the intermediate (the root is the community's anchor). */
    public String chainPem() {
        return pki.chain(server).stream().map(TestPki::pem).reduce("", String::concat);
    }

    /** What the credentials secret holds: the key PEM, then the chain PEM. */
    public String credentialsPem() {
        return keyPem() + chainPem();
    }

    public String anchorsPem() {
        return pki.anchorPem(COMMUNITY);
    }

    public ServerSigningCredentials credentials() {
        return ServerSigningCredentials.fromPem(credentialsPem(), BASE_URL);
    }

    /** Settings of a server that offers authorization_code (with an authorization endpoint) or only client_credentials. */
    public static UdapMetadataSettings settings(boolean authorizationCode) {
        return new UdapMetadataSettings(BASE_URL, REGISTRATION_ENDPOINT,
                authorizationCode ? Optional.of(AUTHORIZATION_ENDPOINT) : Optional.empty(), TOKEN_ENDPOINT, SCOPES);
    }

    public UdapMetadata metadata(boolean authorizationCode, Clock clock) {
        return new UdapMetadata(settings(authorizationCode), credentials(), TrustAnchors.parse(anchorsPem()), clock);
    }
}
