package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.udap.IssuerCertificateSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Issuer certificates from Authority Information Access fetched by the probe function ({@link ProbeInvocation}: {@code {"issuer_url": ...}}
 * in, {@code {"certificates": [base64 DER, ...]}} out), so that every fetch of a URL someone else chose leaves from
 * the function whose role can reach nothing. Nothing is cached here (wrap it in a cache). Empty when the probe
 * function cannot supply them.
 */
public final class LambdaIssuerCertificateSource implements IssuerCertificateSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoke lambda;
    private final String functionName;

    public LambdaIssuerCertificateSource(LambdaInvoke lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public List<X509Certificate> certificates(URI caIssuers) {
        try {
            ObjectNode payload = ProbeInvocation.fromCaller(ProbeInvocation.issuerRequest(caIssuers.toString()));
            LambdaInvoke.Answer response = lambda.invoke(functionName, payload.toString().getBytes(StandardCharsets.UTF_8));
            if (response.functionError().isPresent()) {
                return List.of();
            }
            List<String> answer = ProbeInvocation.certificates(JSON.readTree(response.payload()));
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (String base64 : answer) {
                byte[] der = Base64.getDecoder().decode(base64);
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            return List.copyOf(certificates);
        } catch (SdkException | IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException unavailable) {
            return List.of();
        }
    }
}
