package health.registration.core.certificate;

import health.registration.core.udap.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * PKCS#10 requests built with BouncyCastle the way openssl req and client tool kits build them, and the broken ones
 * the authority must refuse. Key pairs are generated once per JVM and kind (RSA generation is slow); the BouncyCastle
 * provider is used only for what the JDK no longer does (secp256k1), and is never registered.
 */
final class TestCsrs {

    static final String CLIENT_URI = "https://app.example.com/udap/client";
    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private TestCsrs() {}

    static KeyPair rsa2048() {
        return cached("rsa-2048", () -> TestKeys.rsa(2048));
    }

    /** A second RSA key, to sign what the first one's request holds. */
    static KeyPair otherRsa2048() {
        return cached("rsa-2048-other", () -> TestKeys.rsa(2048));
    }

    static KeyPair rsa1024() {
        return cached("rsa-1024", () -> TestKeys.rsa(1024));
    }

    static KeyPair ec(String curve) {
        return cached("ec-" + curve, () -> TestKeys.ec(curve));
    }

    static KeyPair secp256k1() {
        return cached("secp256k1", () -> generate("EC", new ECGenParameterSpec("secp256k1"),
                BOUNCY_CASTLE));
    }

    static KeyPair ed25519() {
        return cached("ed25519", () -> generate("Ed25519", null, null));
    }

    static KeyPair dsa() {
        return cached("dsa", () -> generate("DSA", null, null));
    }

    /** The signature algorithm a client tool uses for the key by default. */
    static String defaultAlgorithm(KeyPair keys) {
        String algorithm = keys.getPublic().getAlgorithm();
        if (algorithm.equals("RSA")) {
            return "SHA256withRSA";
        }
        if (algorithm.equals("EC")) {
            int bits = ((ECKey) keys.getPublic()).getParams().getCurve().getField().getFieldSize();
            return bits == 384 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return algorithm.equals("DSA") ? "SHA256withDSA" : "Ed25519";
    }

    /** A request for the key, self-signed with its default algorithm, asking for these SAN URIs (none: no SAN). */
    static PKCS10CertificationRequest request(KeyPair keys, String... sanUris) {
        return request(keys, keys.getPrivate(), defaultAlgorithm(keys), uris(sanUris));
    }

    /** A request holding {@code keys}' public key, signed by {@code signer} with the algorithm, asking for the names. */
    static PKCS10CertificationRequest request(KeyPair keys, PrivateKey signer, String algorithm, List<GeneralName> names) {
        PKCS10CertificationRequestBuilder builder = new PKCS10CertificationRequestBuilder(
                new X500Name("CN=requested subject, O=Developer"),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        try {
            if (!names.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(signer(signer, algorithm));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<GeneralName> uris(String... uris) {
        return Arrays.stream(uris).map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri)).toList();
    }

    static String pem(PKCS10CertificationRequest request) {
        return Pem.encode(Pem.CERTIFICATE_REQUEST, der(request));
    }

    static String base64(PKCS10CertificationRequest request) {
        return Base64.getEncoder().encodeToString(der(request));
    }

    static byte[] der(PKCS10CertificationRequest request) {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with one byte of its subject changed after signing: well-formed, but the signature fails. */
    static String altered(PKCS10CertificationRequest request) {
        byte[] der = der(request);
        byte[] marker = "requested subject".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + marker.length <= der.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(der, i, i + marker.length), marker)) {
                der[i] = 'R';
                return Pem.encode(Pem.CERTIFICATE_REQUEST, der);
            }
        }
        throw new IllegalStateException("the subject is not in the request");
    }

    private static ContentSigner signer(PrivateKey key, String algorithm) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
            if (key.getClass().getName().startsWith("org.bouncycastle")) {
                builder.setProvider(BOUNCY_CASTLE);
            }
            return builder.build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair cached(String name, Supplier<KeyPair> generator) {
        return KEYS.computeIfAbsent(name, n -> generator.get());
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec, Provider provider) {
        try {
            KeyPairGenerator generator = provider == null
                    ? KeyPairGenerator.getInstance(algorithm)
                    : KeyPairGenerator.getInstance(algorithm, provider);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
