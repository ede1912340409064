package health.registration.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.PolicyResult;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeReportJson;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import health.registration.core.probe.UrlProbeJson;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLog;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.cert.X509CRL;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the probe function answers: for {@code POST /probe}, a {@code 200} report, or the RFC 7591 error when the body
 * cannot be read as metadata (policy section 8); for a direct invocation, the report alone.
 */
final class ProbeRequests {

    private static final Policy POLICY = Policies.openDynamicRegistration();

    private final UrlProber prober;
    private final CrlSource crls;
    private final ChallengeSite challenges;
    private final PolicyContext context;
    private final IssuerCertificateSource issuers;
    private OperationalMetrics metrics = OperationalMetrics.discarding();

    ProbeRequests(UrlProber prober, CrlSource crls, ChallengeSite challenges, PolicyContext context) {
        this(prober, crls, challenges, context, url -> List.of());
    }

    ProbeRequests(UrlProber prober, CrlSource crls, ChallengeSite challenges, PolicyContext context,
                  IssuerCertificateSource issuers) {
        this.prober = prober;
        this.crls = crls;
        this.challenges = challenges;
        this.context = context;
        this.issuers = issuers;
    }

    /** The same requests, with probe outcomes and latency counted to {@code counted} (docs/operations/metrics.md). */
    ProbeRequests countedBy(OperationalMetrics counted) {
        this.metrics = counted;
        return this;
    }

    /** {@code POST /probe} refused by its per-source limit: the answer, counted. */
    ApiResponse rateLimited(ApiResponse refusal) {
        metrics.rateLimited(OperationalMetrics.Limit.PROBES_PER_SOURCE);
        return refusal;
    }

    ApiResponse answerApi(ApiRequest request, RequestLog log) {
        MetadataBody.Reading reading = MetadataBody.read(request);
        if (reading instanceof MetadataBody.Refused refused) {
            return ErrorResponses.of(refused.rejection());
        }
        ClientMetadata metadata = ((MetadataBody.Accepted) reading).metadata();
        PolicyResult shape = POLICY.evaluate(metadata, context);
        if (shape.malformed()) {
            return ErrorResponses.of(shape.toRegistrationError());
        }
        ProbeReport report = probe(metadata, log);
        return ApiResponse.json(200, ErrorResponses.write(ProbeReportJson.write(report)));
    }

    /**
     * A direct invocation, as {@link ProbeInvocation} defines it: the report for metadata, the probes for targets, a
     * CRL, an issuer's certificates or a challenge's body, each fetched through the same guard.
     */
    ObjectNode answerInvocation(JsonNode payload, RequestLog log) {
        Optional<String> crlUrl = ProbeInvocation.text(payload, ProbeInvocation.CRL_URL);
        if (crlUrl.isPresent()) {
            return answerCrl(crlUrl.get(), log);
        }
        Optional<String> issuerUrl = ProbeInvocation.text(payload, ProbeInvocation.ISSUER_URL);
        if (issuerUrl.isPresent()) {
            return answerIssuer(issuerUrl.get(), log);
        }
        Optional<String> challengeUrl = ProbeInvocation.text(payload, ProbeInvocation.CHALLENGE_URL);
        if (challengeUrl.isPresent()) {
            return answerChallenge(challengeUrl.get(), log);
        }
        if (payload != null && payload.has(ProbeInvocation.TARGETS)) {
            return answerTargets(payload, log);
        }
        JsonNode metadata = payload == null ? null : payload.get(ProbeInvocation.METADATA);
        if (metadata == null || !metadata.isObject()) {
            return invalidRequest("A probe invocation carries {\"metadata\": {...}}.");
        }
        return ProbeReportJson.write(probe(ClientMetadata.of((ObjectNode) metadata), log));
    }

    /**
     * {@code {"targets": [{"url", "purpose"}]}} in (re-verification), one probe per target out. Only https URLs are
     * fetched; anything else comes back {@code invalid_url} unfetched.
     */
    private ObjectNode answerTargets(JsonNode payload, RequestLog log) {
        List<ProbeTarget> targets;
        try {
            targets = UrlProbeJson.readTargets(payload);
        } catch (IllegalArgumentException malformed) {
            return invalidRequest("A probe invocation carries {\"targets\": [{\"url\": ..., \"purpose\": \"page\"|\"image\"}]}.");
        }
        if (targets.size() > ProbeInvocation.MAX_TARGETS) {
            return invalidRequest("A probe invocation carries at most " + ProbeInvocation.MAX_TARGETS + " targets.");
        }
        long start = System.nanoTime();
        List<ProbeTarget> fetchable = targets.stream().filter(ProbeRequests::fetchable).toList();
        Iterator<UrlProbe> probed = prober.probeUrls(fetchable).iterator();
        List<UrlProbe> probes = targets.stream().map(t -> fetchable(t) ? probed.next()
                : UrlProbe.failed(t, ProbeOutcome.INVALID_URL, null, List.of(), 0)).toList();
        String outcomes = probes.stream().map(p -> p.failure() == null ? String.valueOf(p.httpStatus()) : p.failure().code())
                .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting())).toString();
        log.info("probe targets=" + targets.size() + " outcomes=" + outcomes
                + " elapsedMs=" + (System.nanoTime() - start) / 1_000_000);
        return UrlProbeJson.writeProbes(probes);
    }

    /** An https URL without user information: the only kind a URL member may be (policy section 3). */
    private static boolean fetchable(ProbeTarget target) {
        return WebUrl.parse(target.url()).toOptional()
                .filter(url -> url.scheme().equals("https") && url.userInfo() == null).isPresent();
    }

    private static ObjectNode invalidRequest(String description) {
        return ProbeInvocation.invalidRequest(description);
    }

    /** The body at an ownership challenge URL, through the same guard; the URL and body are not logged (a token). */
    private ObjectNode answerChallenge(String url, RequestLog log) {
        Optional<String> body = challenges.body(url);
        log.info("probe challenge fetched=" + body.isPresent());
        return body.isEmpty() ? ProbeInvocation.unavailable(ProbeInvocation.Unavailable.CHALLENGE)
                : JsonNodeFactory.instance.objectNode().put(ProbeInvocation.CHALLENGE, body.get());
    }

    /** The certificates at a caIssuers URL (RFC 5280 §4.2.2.1), as base64 DER; the URL is not logged. */
    private ObjectNode answerIssuer(String url, RequestLog log) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        List<X509Certificate> certificates;
        long start = System.nanoTime();
        try {
            certificates = issuers.certificates(URI.create(url));
        } catch (IllegalArgumentException notAUri) {
            certificates = List.of();
        }
        metrics.probe("issuer", certificates.isEmpty() ? "failed" : "passed", (System.nanoTime() - start) / 1_000_000);
        log.info("probe issuer certificates=" + certificates.size());
        if (certificates.isEmpty()) {
            return ProbeInvocation.unavailable(ProbeInvocation.Unavailable.ISSUER);
        }
        try {
            for (X509Certificate certificate : certificates) {
                answer.withArray(ProbeInvocation.CERTIFICATES).add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            }
        } catch (CertificateEncodingException unencodable) {
            return ProbeInvocation.unavailable(ProbeInvocation.Unavailable.ISSUER);
        }
        return answer;
    }

    private ObjectNode answerCrl(String url, RequestLog log) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        Optional<X509CRL> crl;
        long start = System.nanoTime();
        try {
            crl = crls.crl(URI.create(url));
        } catch (IllegalArgumentException notAUri) {
            crl = Optional.empty();
        }
        metrics.probe("crl", crl.isPresent() ? "passed" : "failed", (System.nanoTime() - start) / 1_000_000);
        log.info("probe crl fetched=" + crl.isPresent());
        if (crl.isEmpty()) {
            return ProbeInvocation.unavailable(ProbeInvocation.Unavailable.CRL);
        }
        try {
            answer.put(ProbeInvocation.CRL, Base64.getEncoder().encodeToString(crl.get().getEncoded()));
        } catch (CRLException unencodable) {
            return ProbeInvocation.unavailable(ProbeInvocation.Unavailable.CRL);
        }
        return answer;
    }

    /** Probes and logs what happened, by outcome only: URLs may carry tokens in their queries. */
    private ProbeReport probe(ClientMetadata metadata, RequestLog log) {
        long start = System.nanoTime();
        ProbeReport report = prober.probe(metadata);
        metrics.probed(report);
        long failed = report.results().stream().filter(r -> r.verdict() == ProbeVerdict.FAIL).count();
        String outcomes = report.results().stream().map(ProbeResult::outcome).map(o -> o.code()).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
        log.info("probe urls=" + report.results().size() + " failed=" + failed
                + " outcomes=" + outcomes + " elapsedMs=" + (System.nanoTime() - start) / 1_000_000);
        return report;
    }
}
