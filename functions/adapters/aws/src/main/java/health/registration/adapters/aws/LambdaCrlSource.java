package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.udap.CrlSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * CRLs fetched by the probe function ({@link ProbeInvocation}: {@code {"crl_url": ...}} in, {@code {"crl": base64 DER}} out), so that every
 * fetch of a URL someone else chose leaves from the function whose role can reach nothing. Each CRL is kept until
 * its next update (an hour when it has none). Empty when the probe function cannot supply it.
 */
public final class LambdaCrlSource implements CrlSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

    private record Cached(X509CRL crl, Instant until) {}

    private final LambdaInvoke lambda;
    private final String functionName;
    private final Clock clock;
    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

    public LambdaCrlSource(LambdaInvoke lambda, String functionName, Clock clock) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.clock = clock;
    }

    @Override
    public Optional<X509CRL> crl(URI distributionPoint) {
        Cached cached = cache.get(distributionPoint);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Optional.of(cached.crl());
        }
        Optional<X509CRL> fetched = fetch(distributionPoint);
        fetched.ifPresent(crl -> cache.put(distributionPoint, new Cached(crl, until(crl))));
        return fetched;
    }

    private Optional<X509CRL> fetch(URI distributionPoint) {
        try {
            ObjectNode payload = ProbeInvocation.fromCaller(ProbeInvocation.crlRequest(distributionPoint.toString()));
            LambdaInvoke.Answer response = lambda.invoke(functionName, payload.toString().getBytes(StandardCharsets.UTF_8));
            if (response.functionError().isPresent()) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.payload());
            Optional<String> base64 = ProbeInvocation.text(answer, ProbeInvocation.CRL);
            if (base64.isEmpty()) {
                return Optional.empty();
            }
            byte[] der = Base64.getDecoder().decode(base64.get());
            return Optional.of((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
        } catch (SdkException | IOException | GeneralSecurityException | IllegalArgumentException unavailable) {
            return Optional.empty();
        }
    }

    private Instant until(X509CRL crl) {
        return crl.getNextUpdate() != null ? crl.getNextUpdate().toInstant() : clock.instant().plus(WITHOUT_NEXT_UPDATE);
    }
}
