package health.registration.core.certificate;

import health.registration.core.model.Parsed;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PKCS#10 certificate signing request (RFC 2986) this authority can certify: PEM ({@code CERTIFICATE REQUEST},
 * RFC 7468 §7, or the legacy {@code NEW CERTIFICATE REQUEST}) or standard base64 of the DER; a key of
 * {@link CertifiableKey}; self-signed with SHA-2 (RFC 2986 §3: the signature proves possession of the key), and the
 * signature verifies. The requested subject and extensions are never copied into a certificate: the profile decides
 * them. Only the Subject Alternative Names of the extensionRequest attribute (PKCS#9, RFC 2985 §5.4.2) are read, so
 * that a request naming another identity than the one reviewed is refused.
 */
public final class CertificateSigningRequest {

    /** Far above any request with an 8192-bit key; a longer text is refused before it is decoded. */
    static final int MAX_TEXT = 16 * 1024;
    private static final String FIELD = "/" + CertificateRequest.CSR;
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PKCS10CertificationRequest request;
    private final CertifiableKey key;
    private final List<String> sanUris;
    private final boolean otherNames;

    private CertificateSigningRequest(PKCS10CertificationRequest request, CertifiableKey key, List<String> sanUris,
            boolean otherNames) {
        this.request = request;
        this.key = key;
        this.sanUris = List.copyOf(sanUris);
        this.otherNames = otherNames;
    }

    /** What reading a request found: a request to certify, or every problem with it. */
    public sealed interface Reading {}

    public record Readable(CertificateSigningRequest request) implements Reading {}

    /** @param problems each at {@code /csr}, {@code invalid_request}; never repeating the submitted text */
    public record Unreadable(List<Violation> problems) implements Reading {

        public Unreadable {
            problems = List.copyOf(problems);
        }
    }

    /** Reads and checks a request; every problem found is reported, none is thrown. */
    public static Reading read(String text) {
        if (text == null || text.isBlank()) {
            return unreadable("csr is required: a PKCS#10 certificate signing request, PEM or base64 DER");
        }
        Parsed<byte[]> der = text.length() > MAX_TEXT ? Parsed.failure("csr is longer than " + MAX_TEXT
                + " characters; send one certificate signing request") : der(text.strip());
        if (!der.isOk()) {
            return unreadable(der.problem());
        }
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der.value());
        } catch (IOException | RuntimeException malformed) {
            return unreadable("csr is not a DER PKCS#10 certificate signing request (RFC 2986)");
        }
        return check(request);
    }

    private static Reading check(PKCS10CertificationRequest request) {
        List<String> problems = new ArrayList<>();
        SubjectPublicKeyInfo info = request.getSubjectPublicKeyInfo();
        Parsed<CertifiableKey> key = CertifiableKey.of(info);
        if (!key.isOk()) {
            problems.add("csr key " + key.problem());
        }
        Optional<String> algorithm = CertifiableKey.signatureProblem(request.getSignatureAlgorithm(), info);
        algorithm.ifPresent(problem -> problems.add("csr " + problem));
        Optional<PublicKey> verifiable = algorithm.isEmpty() ? CertifiableKey.verifiable(info) : Optional.empty();
        if (verifiable.isPresent() && !signatureVerifies(request, verifiable.get())) {
            problems.add("csr signature does not verify with its own key; sign the request with the private key"
                    + " of the key it holds, and send it unaltered");
        }
        List<String> uris = new ArrayList<>();
        Optional<Boolean> otherNames = requestedNames(request, uris);
        if (otherNames.isEmpty()) {
            problems.add("csr has an extensionRequest attribute that is not a list of X.509 extensions with one"
                    + " well-formed Subject Alternative Name");
        }
        if (!problems.isEmpty()) {
            return new Unreadable(problems.stream().map(CertificateSigningRequest::violation).toList());
        }
        return new Readable(new CertificateSigningRequest(request, key.value(), uris, otherNames.get()));
    }

    public CertifiableKey key() {
        return key;
    }

    /** The public key exactly as the request encodes it, which a certificate carries unchanged. */
    public SubjectPublicKeyInfo subjectPublicKeyInfo() {
        return request.getSubjectPublicKeyInfo();
    }

    /** The requested subject, RFC 4514 as BouncyCastle writes it; informational only. */
    public String subject() {
        return request.getSubject().toString();
    }

    /** The uniformResourceIdentifier names of a requested Subject Alternative Name, in order. */
    public List<String> requestedSanUris() {
        return sanUris;
    }

    /** True when the requested Subject Alternative Name holds names other than URIs (DNS names, e-mail...). */
    public boolean requestsOtherNames() {
        return otherNames;
    }

    /** True when the request asks for any Subject Alternative Name at all. */
    public boolean requestsNames() {
        return otherNames || !sanUris.isEmpty();
    }

    private static Parsed<byte[]> der(String text) {
        if (!text.contains("-----BEGIN ")) {
            return base64(text, "csr is neither PEM (-----BEGIN CERTIFICATE REQUEST-----) nor base64");
        }
        if (text.split("-----BEGIN ", -1).length > 2) {
            return Parsed.failure("csr holds more than one PEM block; send one certificate signing request");
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            return Parsed.failure("csr has a PEM BEGIN line without a matching END line");
        }
        String label = block.group(1);
        if (label.contains("PRIVATE KEY")) {
            return Parsed.failure("csr holds a private key; send only the certificate signing request and keep the"
                    + " key secret (and, as it has been sent, generate a new one)");
        }
        if (!label.equals(Pem.CERTIFICATE_REQUEST) && !label.equals("NEW " + Pem.CERTIFICATE_REQUEST)) {
            return Parsed.failure("csr is a PEM block that is not a CERTIFICATE REQUEST");
        }
        return base64(block.group(2), "csr PEM block is not base64");
    }

    private static Parsed<byte[]> base64(String text, String problem) {
        try {
            // Strict: the MIME decoder would skip any character that is not base64 and decode what remains.
            return Parsed.ok(Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll("")));
        } catch (IllegalArgumentException notBase64) {
            return Parsed.failure(problem);
        }
    }

    private static boolean signatureVerifies(PKCS10CertificationRequest request, PublicKey key) {
        try {
            return request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OperatorCreationException | PKCSException | RuntimeException unverifiable) {
            return false;
        }
    }

    /**
     * Collects the URIs of every requested Subject Alternative Name; answers whether other kinds of names were asked
     * for, or empty when the attribute is malformed.
     */
    private static Optional<Boolean> requestedNames(PKCS10CertificationRequest request, List<String> uris) {
        boolean others = false;
        try {
            for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttrValues()) {
                    Extension san = Extensions.getInstance(value).getExtension(Extension.subjectAlternativeName);
                    if (san == null) {
                        continue;
                    }
                    for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
                        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            uris.add(ASN1IA5String.getInstance(name.getName()).getString());
                        } else {
                            others = true;
                        }
                    }
                }
            }
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        return Optional.of(others);
    }

    private static Reading unreadable(String problem) {
        return new Unreadable(List.of(violation(problem)));
    }

    private static Violation violation(String problem) {
        return Violation.error(FIELD, RegistrationErrorCode.INVALID_REQUEST, problem);
    }

    @Override
    public String toString() {
        return "CertificateSigningRequest[key=" + key.description() + ", sanUris=" + sanUris.size() + "]";
    }
}
