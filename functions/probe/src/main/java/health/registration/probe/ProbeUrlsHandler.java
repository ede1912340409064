package health.registration.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.policy.PolicyContext;
import health.registration.core.certificate.ProbedChallengeSite;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.UrlProber;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.core.udap.ProbedIssuerCertificateSource;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The probe function: probes every URL of a registration that passes the URL rules (policy section 5). It answers
 * direct invocations ({@code {"metadata": {...}}}) from the functions that need probing, through the Lambda Invoke
 * API; it would answer an API Gateway event the same way, but the template routes {@code POST /probe} to
 * {@link PublicProbeHandler}, a function of its own, so that anonymous callers never use this one's concurrency. Its role may write its logs and nothing else, so a fetch that
 * went wrong could reach no credentials worth having.
 */
public final class ProbeUrlsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest CRL fetched for UDAP revocation checks. */
    private static final int MAX_CRL_BYTES = 1024 * 1024;
    /** Whole-call limit of an issuer certificate fetch (UDAP AIA chasing): a registration waits for it. */
    private static final Duration ISSUER_CALL_TIMEOUT = Duration.ofSeconds(3);

    private final ProbeRequests requests;

    /** Wiring for Lambda: configuration from the environment. */
    public ProbeUrlsHandler() {
        this(Settings.fromEnvironment());
        requests.countedBy(OperationalMetrics.fromEnvironment());
        PrimingResource.register(ProbePriming.class, () -> new ProbePriming(Settings.fromEnvironment().policyContext()));
    }

    private ProbeUrlsHandler(Settings settings) {
        this(NetworkUrlProber.create(settings.probeConfiguration(), settings.policyContext()),
                new ProbedCrlSource(NetworkUrlProber.network(settings.probeConfiguration()), Clock.systemUTC(), MAX_CRL_BYTES),
                new ProbedChallengeSite(NetworkUrlProber.network(settings.probeConfiguration())), settings.policyContext(),
                new ProbedIssuerCertificateSource(NetworkUrlProber.network(settings.probeConfiguration(), ISSUER_CALL_TIMEOUT)));
    }

    ProbeUrlsHandler(UrlProber prober, CrlSource crls, ChallengeSite challenges, PolicyContext context) {
        this(prober, crls, challenges, context, url -> List.of());
    }

    ProbeUrlsHandler(UrlProber prober, CrlSource crls, ChallengeSite challenges, PolicyContext context,
                     IssuerCertificateSource issuers) {
        this.requests = new ProbeRequests(prober, crls, challenges, context, issuers);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (!ApiGatewayEvents.isProxyEvent(event)) {
            RequestLog log = RequestLog.of("probe", lambda);
            JSON.writeValue(output, requests.answerInvocation(event,
                    ProbeInvocation.callerRequestId(event).map(log::forCaller).orElse(log)));
            return;
        }
        ApiGatewayEvents.write(ApiInvocation.answer("probe", ApiGatewayEvents.read(event), lambda, requests::answerApi),
                output);
    }
}
