package health.registration.local;

import static health.registration.local.UdapAnswers.assertRefused;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, issue 8 parts 2 and 3 through {@code scripts/local-api}: a developer certificate issued from a
 * BouncyCastle-built CSR on {@code POST /operator/certificates} verifies with {@code openssl verify} against the CA
 * and the CRL of {@code GET /crl/developers.crl}; with the CA a trust anchor, the certificate registers through UDAP
 * ({@code POST /register}); after {@code POST /operator/certificates/{serial}/revoke} openssl refuses it and the next
 * registration with it fails with {@code unapproved_software_statement}. The API's log names the operator and holds
 * no key. Nothing but 127.0.0.x is contacted.
 */
class DeveloperCertificateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CA_NAME = "developers";
    private static final String COMMUNITY = "urn:example:developer-certificates";
    private static final String OPERATOR_TOKEN = UUID.randomUUID().toString();
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Instant NOW = Instant.now();

    private static TestAuthority ca;
    private static LocalUdapService service;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        ca = TestAuthority.root("Developer Certificates IT CA", TestKeys.rsa(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(3650)), "http://unused.example.com/root.crl");
        service = LocalUdapService.start("developer-certificate-it", "127.0.0.63", 6, (work, baseUrl, pki) -> Map.of(
                "UDAP_TRUST_ANCHORS_FILE", write(work, "anchors-with-developer-ca.pem", pki.trustAnchorsPem()
                        + "community: " + COMMUNITY + "\n" + TestPki.pem(ca.certificate())),
                "CERTIFICATE_AUTHORITY_NAME", CA_NAME,
                "CERTIFICATES_TABLE", "registration-certificates-it-" + UUID.randomUUID(),
                "CERTIFICATE_AUTHORITY_KEY_FILE", write(work, "developer-ca-key.pem", pkcs8(ca)),
                "CERTIFICATE_AUTHORITY_CHAIN_FILE", write(work, "developer-ca-chain.pem", TestPki.pem(ca.certificate())),
                "OPERATOR_LOCAL_TOKEN", OPERATOR_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anIssuedCertificateVerifiesRegistersThroughUdapAndIsRefusedOnceRevoked() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        KeyPair keys = TestKeys.rsa();
        UdapClient probe = new UdapClient(iss, host, null, List.of());
        ObjectNode metadata = metadata(probe.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()));

        HttpResponse<String> issued = service.postAsOperator("operator/certificates", request(csr(keys, iss), iss, metadata),
                OPERATOR_TOKEN);

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(issued.body());
        assertThat(answer.path("san_uri").asText()).isEqualTo(iss);
        assertThat(answer.path("crl_url").asText()).isEqualTo(service.publicBaseUrl() + "/crl/" + CA_NAME + ".crl");
        X509Certificate certificate = certificate(answer.path("certificate").asText());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(openssl(answer.path("certificate").asText(), crlPem())).as("openssl verify before revocation")
                .contains(": OK");

        UdapClient client = new UdapClient(iss, host, new TestCredential(certificate, keys), List.of(certificate));
        HttpResponse<String> registered = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> revoked = service.postAsOperator("operator/certificates/" + answer.path("serial").asText()
                + "/revoke", "{\"reason\": \"key_compromise\"}", OPERATOR_TOKEN);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("status").asText()).isEqualTo("revoked");

        assertThat(openssl(answer.path("certificate").asText(), crlPem())).as("openssl verify after revocation")
                .contains("certificate revoked");
        assertRefused(service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint())))), "unapproved_software_statement");
        String log = service.output();
        assertThat(log).contains("\"audit\":\"certificate.issue\"", "\"audit\":\"certificate.revoke\"",
                "\"caller\":\"local-operator\"");
        assertThat(log).doesNotContain(pkcs8Body(ca), OPERATOR_TOKEN);
    }

    @Test
    void refusesACsrForAnotherClientUriThanTheMetadataAllows() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        ObjectNode metadata = metadata(new UdapClient(iss, host, null, List.of())
                .claims(CLIENT_CREDENTIALS, service.registrationEndpoint()));

        HttpResponse<String> refused = service.postAsOperator("operator/certificates",
                request(csr(TestKeys.rsa(), "https://elsewhere.example.com/udap"), iss, metadata), OPERATOR_TOKEN);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("errors").toString()).contains("/csr");
    }

    @Test
    void publishesTheCrlAsDerSignedByTheCa() throws Exception {
        HttpResponse<byte[]> crl = service.download("crl/" + CA_NAME + ".crl", "application/pkix-crl");

        assertThat(crl.statusCode()).isEqualTo(200);
        assertThat(crl.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        parsed.verify(ca.certificate().getPublicKey());
        assertThat(service.download("crl/other.crl", "application/pkix-crl").statusCode()).isEqualTo(404);
    }

    /** The statement's registration metadata without its JWT claims: what the app will send. */
    private static ObjectNode metadata(ObjectNode claims) {
        ObjectNode metadata = claims.deepCopy();
        metadata.remove(List.of("iss", "sub", "aud", "exp", "iat", "jti"));
        return metadata;
    }

    private static String request(String csr, String sanUri, ObjectNode metadata) {
        ObjectNode body = JSON.createObjectNode().put("csr", csr).put("san_uri", sanUri);
        body.set("metadata", metadata);
        return body.toString();
    }

    /** A PKCS#10 request signed with the key, asking for the SAN URI. */
    private static String csr(KeyPair keys, String sanUri) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                new X500Principal("CN=Developer certificate IT app"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        return pem("CERTIFICATE REQUEST", request.getEncoded());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(UTF_8)));
    }

    /** The CRL as openssl's and Java's fetchers ask for it: accepting anything. */
    private static String crlPem() throws Exception {
        HttpResponse<byte[]> crl = service.download("crl/" + CA_NAME + ".crl", "*/*");
        assertThat(crl.statusCode()).isEqualTo(200);
        return pem("X509 CRL", crl.body());
    }

    /** {@code openssl verify -crl_check} of the certificate against the CA and the CRL: its combined output. */
    private String openssl(String certificatePem, String crlPem) throws Exception {
        Path caFile = Files.writeString(directory.resolve("ca.pem"), TestPki.pem(ca.certificate()));
        Path crlFile = Files.writeString(directory.resolve("crl.pem"), crlPem);
        Path leafFile = Files.writeString(directory.resolve("leaf.pem"), certificatePem);
        Process process = new ProcessBuilder(OPENSSL.toString(), "verify", "-CAfile", caFile.toString(), "-crl_check",
                "-CRLfile", crlFile.toString(), "-purpose", "sslclient", leafFile.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), UTF_8);
    }

    private static String pkcs8(TestAuthority authority) {
        return pem("PRIVATE KEY", authority.credential().privateKey().getEncoded());
    }

    /** A line of the key file's base64 from its middle: what must never appear in a log. */
    private static String pkcs8Body(TestAuthority authority) {
        return pkcs8(authority).split("\n")[3];
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String write(Path directory, String file, String text) throws Exception {
        return Files.writeString(directory.resolve(file), text, UTF_8).toString();
    }
}
