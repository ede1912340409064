package health.registration.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment package answers as the function's classes on the full class path do. The package leaves out what
 * validate never runs (BouncyCastle, which Nimbus JOSE names only for PEM and X.509 conversions; docs/performance-packages.md),
 * so the handler is loaded from the packaged jar alone and sent bodies that reach every library it keeps: jwks of
 * each key type and strength (policy section 9), keys with an x5c chain, software statements with and without x5c
 * (RFC 7591 §2.3), internationalised and public-suffix host names, contacts.
 */
class ValidatePackagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI MANUAL = URI.create("https://manual.example.org/register");
    private static final ObjectNode BASE_EVENT = SampleEvents.read(SampleEvents.folder().resolve("validate-valid.json"));
    /** A self-signed certificate of a P-256 key (public data only), for a jwks key with an x5c chain. */
    private static final String CERTIFICATE = "MIIBjjCCATOgAwIBAgIUUmM7QxN2ds2QEAsEmisHFuB8sUcwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQandrcy5leGFtcGxlLmNvbTAgFw0yNjEyMDgwMDE5NDFaGA8yMTI2MTExNDAwMTk0MVowGzEZMBcGA1UEAwwQandrcy5leGFtcGxlLmNvbTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABBotIVaSKIRJx5SjDBJZhYb32HzJb5PQzzXpr29J3pUGeWg2QvtTsViisTRUDWwUtj8lS1jl6gYp4Vp1ZsL8z1SjUzBRMB0GA1UdDgQWBBRRBHEikMcDUoUX061CHTzu60MQJDAfBgNVHSMEGDAWgBRRBHEikMcDUoUX061CHTzu60MQJDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCONHY25BalLt8LzNX4SJ7Fhep6Bg6T+Oc2yvoB9kIm2AIhAIv6MlAtUxIG2eJ+VnKcN4fBs+nwkdwNmrHAXpxk71Aq";

    @Test
    void thePackagedHandlerAnswersEveryBodyAsTheFunctionsClassesDo() throws Exception {
        Map<String, String> bodies = bodies();
        ValidateClientHandler onClassPath = new ValidateClientHandler(Policies.openDynamicRegistration(), new PolicyContext(MANUAL));
        try (URLClassLoader packaged = new URLClassLoader(new URL[] {deploymentPackage().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertThat(packaged.getResource("org/bouncycastle")).as("BouncyCastle left out").isNull();
            Object handler = packagedHandler(packaged);
            Method handle = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class,
                    packaged.loadClass("com.amazonaws.services.lambda.runtime.Context"));
            Object context = silentContext(packaged);
            List<String> pointers = new ArrayList<>();
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                byte[] event = SampleEvents.bytes(SampleEvents.withBody(BASE_EVENT, body.getValue(), Map.of("Content-Type", "application/json")));
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                onClassPath.handleRequest(new ByteArrayInputStream(event), expected, new RecordingLambdaContext("validate"));
                ByteArrayOutputStream actual = new ByteArrayOutputStream();
                handle.invoke(handler, new ByteArrayInputStream(event), actual, context);
                JsonNode want = answer(expected);
                assertThat(answer(actual)).as(body.getKey()).isEqualTo(want);
                want.path("body").path("errors").forEach(error -> pointers.add(body.getKey() + " " + error.path("field").asText()));
            }
            // Not vacuous: the weak keys, the encryption key and the statements were refused, the strong keys not.
            assertThat(pointers).anyMatch(line -> line.startsWith("rsa-1024 /jwks/keys/0"))
                    .anyMatch(line -> line.startsWith("ec-p521 /jwks/keys/0"))
                    .anyMatch(line -> line.startsWith("ec-enc /jwks/keys/0/use"))
                    .anyMatch(line -> line.startsWith("statement-plain /software_statement"))
                    .anyMatch(line -> line.startsWith("host-names /redirect_uris/3"))
                    .noneMatch(line -> line.startsWith("rsa-2048 ") || line.startsWith("ec-p256-x5c "));
        }
    }

    private static JsonNode answer(ByteArrayOutputStream out) throws IOException {
        ObjectNode response = (ObjectNode) JSON.readTree(out.toByteArray());
        response.set("body", JSON.readTree(response.path("body").asText()));
        response.remove("headers");
        return response;
    }

    private static Map<String, String> bodies() throws Exception {
        ObjectNode valid = (ObjectNode) JSON.readTree(BASE_EVENT.path("body").asText());
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("valid", valid.toString());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        bodies.put("rsa-2048", withJwks(valid, new RSAKey.Builder((RSAPublicKey) rsa.generateKeyPair().getPublic())
                .keyID("a").keyUse(KeyUse.SIGNATURE).build().toJSONString()));
        rsa.initialize(1024);
        bodies.put("rsa-1024", withJwks(valid, new RSAKey.Builder((RSAPublicKey) rsa.generateKeyPair().getPublic())
                .keyID("b").build().toJSONString()));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp521r1"));
        bodies.put("ec-p521", withJwks(valid, new ECKey.Builder(Curve.P_521, (ECPublicKey) ec.generateKeyPair().getPublic())
                .keyID("c").build().toJSONString()));
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        var signing = ec.generateKeyPair();
        bodies.put("ec-enc", withJwks(valid, new ECKey.Builder(Curve.P_256, (ECPublicKey) signing.getPublic())
                .keyID("d").keyUse(KeyUse.ENCRYPTION).build().toJSONString()));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(java.util.Base64.getDecoder().decode(CERTIFICATE)));
        bodies.put("ec-p256-x5c", withJwks(valid, new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
                .keyID("e").x509CertChain(List.of(new Base64(CERTIFICATE))).build().toJSONString()));
        bodies.put("jwks-unreadable", withJwks(valid, "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"AAAA\"}"));
        bodies.put("statement-plain", valid.deepCopy().put("software_statement", statement(signing, null)).toString());
        bodies.put("statement-x5c", valid.deepCopy().put("software_statement", statement(signing, CERTIFICATE)).toString());
        bodies.put("statement-unreadable", valid.deepCopy().put("software_statement", "not.a.jws").toString());
        ObjectNode names = valid.deepCopy();
        names.putArray("redirect_uris").add("https://xn--bcher-kva.example.com/cb").add("https://user.github.io/cb")
                .add("https://app.co.uk/cb").add("https://app.test/cb").add("https://co.uk/cb");
        bodies.put("host-names", names.toString());
        bodies.put("contacts", valid.deepCopy().set("contacts", JSON.createArrayNode().add("admin@example.com")
                .add("not-an-address").add("ops@bücher.de")).toString());
        return bodies;
    }

    private static String withJwks(ObjectNode metadata, String key) throws IOException {
        ObjectNode body = metadata.deepCopy();
        body.remove("jwks_uri");
        ArrayNode keys = body.putObject("jwks").putArray("keys");
        keys.add(JSON.readTree(key));
        return body.toString();
    }

    private static String statement(java.security.KeyPair key, String certificate) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT);
        if (certificate != null) {
            header.x509CertChain(List.of(new Base64(certificate)));
        }
        JWSObject jws = new JWSObject(header.build(), new Payload("{\"iss\": \"https://app.example.com\"}"));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jws.serialize();
    }

    /** The packaged handler, wired as {@code ValidateClientHandlerTest} wires the one on the class path. */
    private static Object packagedHandler(ClassLoader packaged) throws Exception {
        Class<?> policyType = packaged.loadClass("health.registration.core.policy.Policy");
        Class<?> contextType = packaged.loadClass("health.registration.core.policy.PolicyContext");
        Object policy = packaged.loadClass("health.registration.core.policy.Policies").getMethod("openDynamicRegistration").invoke(null);
        Object context = contextType.getConstructor(URI.class).newInstance(MANUAL);
        Constructor<?> constructor = packaged.loadClass(ValidateClientHandler.class.getName())
                .getDeclaredConstructor(policyType, contextType);
        constructor.setAccessible(true);
        return constructor.newInstance(policy, context);
    }

    /** A Lambda context of the packaged interface whose logger drops every line. */
    private static Object silentContext(ClassLoader packaged) throws ClassNotFoundException {
        Class<?> logger = packaged.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object silent = Proxy.newProxyInstance(packaged, new Class<?>[] {logger}, (proxy, method, args) -> null);
        return Proxy.newProxyInstance(packaged, new Class<?>[] {packaged.loadClass("com.amazonaws.services.lambda.runtime.Context")},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLogger" -> silent;
                    case "getAwsRequestId" -> "packaging";
                    case "getFunctionName" -> "validate";
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> method.getReturnType() == int.class ? 30_000 : null;
                    default -> method.getReturnType() == String.class ? "" : null;
                });
    }

    private static Path deploymentPackage() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("validate-.*-lambda\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no deployment package in target/: run mvn verify"));
        }
    }
}
