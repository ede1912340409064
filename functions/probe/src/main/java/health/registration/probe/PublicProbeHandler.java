package health.registration.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.dynamodb.DynamoRequestCounter;
import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.limit.SourceQuota;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.UrlProber;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLimits;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The public probe function: {@code POST /probe} for anyone, in a function of its own so that its small reserved
 * concurrency, not the probe function's, is what anonymous callers can use up; at most
 * {@code PROBES_PER_SOURCE_PER_HOUR} requests per source address, each counted before anything is fetched. It
 * answers API Gateway events only: direct invocations belong to the probe function ({@link ProbeUrlsHandler}).
 */
public final class PublicProbeHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProbeRequests requests;
    private final SourceQuota quota;

    /** Wiring for Lambda: configuration from the environment, counters in the request counts table. */
    public PublicProbeHandler() {
        this(Settings.fromEnvironment());
        requests.countedBy(OperationalMetrics.fromEnvironment());
        PrimingResource.register(ProbePriming.class, () -> new ProbePriming(Settings.fromEnvironment().policyContext(),
                Optional.of(RequestLimits.requestCountsTable(Settings.fromEnvironment()))));
    }

    private PublicProbeHandler(Settings settings) {
        this(NetworkUrlProber.create(settings.probeConfiguration(), settings.policyContext()), settings.policyContext(),
                new SourceQuota("probe", new DynamoRequestCounter(DynamoDbRequests.shared(), RequestLimits.requestCountsTable(settings)),
                        RequestLimits.probesPerSourcePerHour(settings), Clock.systemUTC()));
    }

    PublicProbeHandler(UrlProber prober, PolicyContext context, SourceQuota quota) {
        // API requests only: no CRL or ownership challenge is ever fetched for an anonymous caller.
        this.requests = new ProbeRequests(prober, url -> Optional.empty(), url -> Optional.empty(), context);
        this.quota = quota;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (!ApiGatewayEvents.isProxyEvent(event)) {
            JSON.writeValue(output, ProbeInvocation.invalidRequest("The public probe function answers POST /probe only."));
            return;
        }
        ApiGatewayEvents.write(ApiInvocation.answer("public-probe", ApiGatewayEvents.read(event), lambda,
                (request, log) -> RequestLimits.refusal(quota, request).map(limited -> {
                    log.warn("outcome=rate-limited");
                    return requests.rateLimited(limited);
                }).orElseGet(() -> requests.answerApi(request, log))),
                output);
    }
}
