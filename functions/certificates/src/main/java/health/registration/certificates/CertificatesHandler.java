package health.registration.certificates;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.CertificateAuthority;
import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.RevokedCertificateClients;
import health.registration.core.port.RefreshingSecret;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * The developer-certificate function: {@code POST /operator/certificates/challenges}, {@code POST /operator/certificates},
 * {@code POST /operator/certificates/{serial}/revoke} and {@code GET /crl/{ca}.crl} through API Gateway (see
 * {@link CertificateRequests}); any other event (the schedule) signs the CRL again when it is within the refresh
 * margin of its nextUpdate. The only function that holds the issuing CA's key, read when it first signs, not at start.
 */
public final class CertificatesHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CertificateAuthority authority;
    private final CertificateRequests requests;
    private final OperationalMetrics metrics;

    /**
     * Wiring for Lambda: the table, event bus and where the CA key is kept, from the environment; probes through the
     * probe function.
     */
    public CertificatesHandler() {
        this(new CertificatesWiring(IssuanceWiring.fromEnvironment()));
    }

    /** Wiring for the local runner: as for Lambda, but probing through {@code probing} (its in-process engine). */
    public CertificatesHandler(Probing probing) {
        this(new CertificatesWiring(IssuanceWiring.fromEnvironment(probing)));
    }

    CertificatesHandler(CertificatesWiring wiring) {
        this(wiring.certificateAuthority(), wiring.revokedCertificateClients(), wiring.auditTrail(),
                OperationalMetrics.fromEnvironment());
    }

    CertificatesHandler(CertificateAuthority authority, RevokedCertificateClients clients, CertificateAuditTrail audit) {
        this(authority, clients, audit, OperationalMetrics.discarding());
    }

    /** @param metrics where issuances, revocations and the CRL's time to its nextUpdate are counted */
    CertificatesHandler(CertificateAuthority authority, RevokedCertificateClients clients, CertificateAuditTrail audit,
                        OperationalMetrics metrics) {
        this.authority = authority;
        this.requests = new CertificateRequests(authority, clients, audit, metrics);
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (ApiGatewayEvents.isProxyEvent(event)) {
            ApiGatewayEvents.write(ApiInvocation.answer("certificates", ApiGatewayEvents.read(event), lambda,
                    requests::answer), output);
            return;
        }
        JSON.writeValue(output, refreshCrl(RequestLog.of("certificates", lambda)));
    }

    /**
     * The schedule's pass. When the CA key cannot be read, one ERROR line names its secret (never a value) and the
     * invocation fails, so the function's errors show it; the next pass reads the secret again.
     */
    private ObjectNode refreshCrl(RequestLog log) {
        CrlDocument crl;
        try {
            crl = authority.crl();
        } catch (RefreshingSecret.SecretUnavailable missing) {
            log.error("crl ca=" + authority.name() + " not refreshed: " + missing.getMessage());
            throw missing;
        }
        metrics.crlNextUpdate(crl.nextUpdate(), Instant.now());
        log.info("crl ca=" + authority.name() + " number=" + crl.number() + " nextUpdate="
                + crl.nextUpdate());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("ca", authority.name());
        answer.put("crl_number", crl.number().toString());
        answer.put("next_update", crl.nextUpdate().toString());
        return answer;
    }
}
