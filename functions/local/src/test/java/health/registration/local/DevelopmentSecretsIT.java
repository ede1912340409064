package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import health.registration.testkit.AwsEmulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/make-dev-secrets as a deployer runs it, against the test command's moto server: it stores the three secrets
 * and prints the parameters that name them; the local API, given those names as the template passes them
 * ({@code UDAP_SERVER_CREDENTIALS_SECRET}, {@code UDAP_TRUST_ANCHORS_SECRET}, {@code CERTIFICATE_AUTHORITY_SECRET}),
 * answers {@code GET /.well-known/udap} with metadata signed by the server key for the FHIR base URL (IG STU2 §2.3)
 * and {@code GET /crl/developers.crl} with a CRL the same CA signed. Run again, it stores nothing unless
 * {@code --replace}, which stores new versions. Nothing but 127.0.0.1 is contacted.
 */
class DevelopmentSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(5);

    @Test
    void theServiceSignsMetadataAndCrlsWithWhatTheScriptStored() throws Exception {
        LocalDeployment deployment = LocalDeployment.named("development-secrets-it");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "it/development-secrets/" + run + "/";
        String publicBase = deployment.publicBaseUrl();
        String fhirBase = publicBase + "/fhir/r4";

        Result made = script(deployment, "--public-base-url", publicBase, "--fhir-base-url", fhirBase,
                "--prefix", prefix);

        assertThat(made.status()).as(made.err()).isZero();
        Map<String, String> parameters = parameters(made.out());
        assertThat(parameters).containsExactly(
                Map.entry("UdapServerCredentialsSecret", prefix + "udap-server-credentials"),
                Map.entry("UdapTrustAnchorsSecret", prefix + "udap-trust-anchors"),
                Map.entry("CertificateAuthoritySecret", prefix + "certificate-authority"),
                Map.entry("CertificateAuthorityName", "developers"),
                Map.entry("FhirBaseUrl", fhirBase));
        assertThat(made.out() + made.err()).doesNotContain("PRIVATE KEY", "CERTIFICATE-----");

        Map<String, String> environment = new HashMap<>(Map.of(
                "CLIENTS_TABLE", deployment.table(),
                "SECRET_PREFIX", deployment.secretPrefix(),
                "REQUEST_COUNTS_TABLE", deployment.countsTable(),
                "CERTIFICATES_TABLE", "registration-certificates-development-secrets-it-" + run,
                "PUBLIC_BASE_URL", publicBase,
                "MANUAL_REGISTRATION_URL", LocalDeployment.MANUAL_REGISTRATION_URL,
                "FHIR_BASE_URL", fhirBase,
                "UDAP_TOKEN_ENDPOINT", "https://authorization.example.com/token"));
        environment.putAll(AwsEmulator.environment());
        // The template always sets it (parameter ScopesSupported); discovery publishes it as scopes_supported.
        environment.put("SCOPES_SUPPORTED", "openid fhirUser system/*.rs");
        environment.put("UDAP_SERVER_CREDENTIALS_SECRET", parameters.get("UdapServerCredentialsSecret"));
        environment.put("UDAP_TRUST_ANCHORS_SECRET", parameters.get("UdapTrustAnchorsSecret"));
        environment.put("CERTIFICATE_AUTHORITY_SECRET", parameters.get("CertificateAuthoritySecret"));
        environment.put("CERTIFICATE_AUTHORITY_NAME", parameters.get("CertificateAuthorityName"));
        Set<String> removed = Set.of("UDAP_TRUST_ANCHORS_FILE", "UDAP_SERVER_KEY_FILE", "UDAP_SERVER_CERTIFICATE_FILE",
                "CERTIFICATE_AUTHORITY_KEY_FILE", "CERTIFICATE_AUTHORITY_CHAIN_FILE", "UDAP_AUTHORIZATION_ENDPOINT",
                "UDAP_GRANT_TYPES_SUPPORTED", "UDAP_CERTIFICATIONS_SUPPORTED", "UDAP_CERTIFICATIONS_REQUIRED",
                "UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED", "OPERATOR_LOCAL_TOKEN");
        try (LocalApiProcess api = LocalApiProcess.start(deployment.repository(), deployment.port(), environment,
                removed, deployment.work().resolve("local-api.log"))) {
            HttpResponse<String> discovery = get(api.baseUri().resolve(".well-known/udap"),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(discovery.statusCode()).as(discovery.body() + api.output()).isEqualTo(200);
            SignedJWT signed = SignedJWT.parse(JSON.readTree(discovery.body()).path("signed_metadata").asText());
            List<X509Certificate> chain = signed.getHeader().getX509CertChain().stream().map(Base64::decode)
                    .map(X509CertUtils::parse).toList();
            assertThat(signed.verify(new RSASSAVerifier((RSAPublicKey) chain.get(0).getPublicKey())))
                    .as("signed by the key of x5c[0]").isTrue();
            assertThat(signed.getJWTClaimsSet().getIssuer()).isEqualTo(fhirBase);
            X509Certificate ca = chain.get(chain.size() - 1);
            chain.get(0).verify(ca.getPublicKey());

            HttpResponse<byte[]> crlAnswer = get(api.baseUri().resolve("crl/developers.crl"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(crlAnswer.statusCode()).as(new String(crlAnswer.body(), StandardCharsets.UTF_8) + api.output())
                    .isEqualTo(200);
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(crlAnswer.body()));
            crl.verify(ca.getPublicKey());
            assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            assertThat(api.output()).doesNotContain("PRIVATE KEY");
        }

        Result again = script(deployment, "--public-base-url", publicBase, "--prefix", prefix);
        assertThat(again.status()).as("a second run without --replace").isEqualTo(1);
        assertThat(again.err()).contains("exist already; nothing was stored");
        assertThat(again.out()).isEmpty();
        Result rotated = script(deployment, "--public-base-url", publicBase, "--prefix", prefix, "--replace");
        assertThat(rotated.status()).as(rotated.err()).isZero();
        assertThat(rotated.err()).contains("new version of " + prefix + "udap-server-credentials");
    }

    private record Result(int status, String out, String err) {}

    private static Result script(LocalDeployment deployment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                deployment.repository().resolve("scripts/make-dev-secrets").toString()));
        command.addAll(List.of(args));
        Path work = deployment.work();
        Files.createDirectories(work);
        Path out = Files.createTempFile(work, "make-dev-secrets", ".out");
        Path err = Files.createTempFile(work, "make-dev-secrets", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(deployment.repository().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(AwsEmulator.environment());
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            assertThat(false).as("make-dev-secrets ended within %s; its stderr:%n%s", SCRIPT_DEADLINE,
                    Files.readString(err)).isTrue();
        }
        return new Result(process.exitValue(), Files.readString(out),
                Files.readString(err));
    }

    private static Map<String, String> parameters(String out) {
        Map<String, String> parameters = new LinkedHashMap<>();
        out.lines().forEach(line -> {
            String[] pair = line.split("=", 2);
            assertThat(pair).as("a Name=value line: " + line).hasSize(2);
            parameters.put(pair[0], pair[1]);
        });
        return parameters;
    }

    private static <T> HttpResponse<T> get(URI uri, HttpResponse.BodyHandler<T> body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(40)).GET().build(), body);
        }
    }
}
