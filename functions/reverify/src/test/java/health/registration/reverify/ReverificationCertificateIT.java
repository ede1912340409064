package health.registration.reverify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.DynamoDbClients;
import health.registration.adapters.dynamodb.DynamoCertificateStore;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.dynamodb.DynamoUdapClientStore;
import health.registration.core.certificate.CrlDocument;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.ProbeReport;
import health.registration.core.udap.LeafSpec;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.testkit.AwsEmulator;
import health.registration.testkit.TemplateTable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A UDAP client's certificate under re-verification, through the function's own wiring
 * ({@code InProcessWiring.of(settings).reverification()}) on moto: a client bound to a certificate of the
 * developer CA that expired, or that the CA's CRL (read from the certificates table, as registration reads it) lists,
 * is suspended at once by the next run, with a {@code ClientSuspended} event naming the problem; one whose certificate
 * still holds stays active. Its URLs are on {@link ReverifySites} (127.0.0.83:443) and pass.
 */
class ReverificationCertificateIT {

    private static final String CA_NAME = "developers";
    private static final String CRL_URL = EmulatedDeployment.PUBLIC_BASE_URL + "/crl/" + CA_NAME + ".crl";
    private static final Instant NOW = Instant.now();
    private static final TestAuthority CA = TestAuthority.root("Reverification IT developer CA", TestKeys.rsa(),
            NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(3650)), CRL_URL);

    private static ReverifySites sites;

    private final DynamoDbClient dynamo = AwsEmulator.client(DynamoDbClients::shared);
    private EmulatedDeployment deployment;
    private TemplateTable certificates;

    @BeforeAll
    static void serveSites() throws IOException {
        sites = ReverifySites.start(Path.of("target", "reverification-certificate-it"), "127.0.0.83", "cert", 10);
    }

    @AfterAll
    static void stopSites() {
        if (sites != null) {
            sites.close();
        }
    }

    @BeforeEach
    void deploy() {
        deployment = new EmulatedDeployment(sites);
        certificates = TemplateTable.create(dynamo, "reverify-certificates-it", "CertificatesTable");
    }

    @AfterEach
    void removeDeployment() {
        if (certificates != null) {
            certificates.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a certificate that expired after registration  | expired | certificate_expired | SUSPENDED
        a certificate the developer CA's CRL lists     | revoked | certificate_revoked | SUSPENDED
        a certificate that still holds                 | current |                     | ACTIVE
        """)
    void suspendsAUdapClientAtOnceWhenItsCertificateNoLongerHolds(String reason, String fault, String code,
                                                                 ClientStatus expected) {
        X509Certificate leaf = CA.issue(new LeafSpec("Reverified UDAP app", TestKeys.rsa(),
                List.of("https://" + sites.newHost() + "/udap"), List.of(CRL_URL), NOW.minus(Duration.ofDays(300)),
                fault.equals("expired") ? NOW.minus(Duration.ofMinutes(1)) : NOW.plus(Duration.ofDays(300)))).certificate();
        X509CRL crl = fault.equals("revoked") ? CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), leaf)
                : CA.crl(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        new DynamoCertificateStore(AwsClients.dynamoDb(), certificates.name()).saveCrl(CA_NAME, new CrlDocument(BigInteger.ONE,
                NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)), encoded(crl)));
        ClientRecord client = udapClient(leaf, sites.newHost());
        new DynamoUdapClientStore(AwsClients.dynamoDb(), deployment.tableName()).register(client);

        deployment.takeEvents();
        InProcessWiring.of(deployment.settings(Map.of("CERTIFICATE_AUTHORITY_NAME", CA_NAME,
                "CERTIFICATES_TABLE", certificates.name()))).reverification()
                .run("certificate-it:" + fault, NOW.plus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(5)));

        ClientRecord after = new DynamoClientStore(AwsClients.dynamoDb(), deployment.tableName()).find(client.clientId()).orElseThrow();
        assertThat(after.status()).as(reason + ": " + after.checks().problems()).isEqualTo(expected);
        List<JsonNode> events = deployment.takeEvents();
        if (expected == ClientStatus.ACTIVE) {
            assertThat(after.checks().problems()).isEmpty();
            assertThat(events).isEmpty();
            return;
        }
        assertThat(after.checks().history()).last().satisfies(change -> assertThat(change.reason()).isEqualTo("certificate_invalid"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("detail-type").asText()).isEqualTo("ClientSuspended");
            assertThat(event.path("detail").path("client_id").asText()).isEqualTo(client.clientId().value());
            assertThat(event.path("detail").path("problems").findValuesAsText("code")).containsExactly(code);
        });
    }

    /** A UDAP client-credentials client bound to the certificate, its URLs on the host, due now. */
    private static ClientRecord udapClient(X509Certificate leaf, String host) {
        String site = "https://" + host;
        ObjectNode metadata = RegisteredApp.metadata(site, site + "/logo.png", site + "/terms", site + "/privacy");
        metadata.remove(List.of("redirect_uris", "response_types"));
        metadata.putArray("grant_types").add("client_credentials");
        metadata.put("token_endpoint_auth_method", "private_key_jwt");
        metadata.put("scope", "system/Patient.rs");
        metadata.putArray("contacts").add("mailto:" + RegisteredApp.CONTACT);
        CertificateBinding binding = new CertificateBinding(site + "/udap", "urn:example:community",
                Base64.getEncoder().encodeToString(encoded(leaf)), thumbprint(encoded(leaf)));
        Instant registered = NOW.minus(Duration.ofDays(1));
        return new ClientRecord(SequentialIdSource.clientId(1), ClientStatus.ACTIVE, ClientMetadata.of(metadata),
                Credentials.ofCertificate(binding, registered), new UrlChecks(registered, new ProbeReport(List.of()), NOW),
                registered, registered, 1);
    }

    private static byte[] encoded(Object certificateOrCrl) {
        try {
            return certificateOrCrl instanceof X509CRL crl ? crl.getEncoded() : ((X509Certificate) certificateOrCrl).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(byte[] der) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
