package health.registration.local;

import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.certificate.ProbedChallengeSite;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbe;
import health.registration.core.probe.UrlProber;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.core.udap.ProbedIssuerCertificateSource;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.Settings;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import health.registration.issuance.UdapConfiguration;
import java.util.List;

/**
 * The probing engine in-process, as the probe function runs it in AWS: the local runner hands it to each issuing
 * function it starts (there is no probe function to invoke), with the {@code PROBE_*} test seams of the runner's
 * environment (hosts file, trusted CA, allowed CIDRs). CRLs and challenges go through the same guard; issuer
 * certificates from Authority Information Access (RFC 5280 §4.2.2.1) with their 3 s limit.
 */
public final class InProcessProbing implements Probing {

    private final ProbeConfiguration configuration;
    private final OperationalMetrics metrics;

    private InProcessProbing(ProbeConfiguration configuration, OperationalMetrics metrics) {
        this.configuration = configuration;
        this.metrics = metrics;
    }

    /** Probing as the probe function does it, counting probes as it does (docs/operations/metrics.md). */
    public static InProcessProbing of(Settings settings) {
        return new InProcessProbing(settings.probeConfiguration(), OperationalMetrics.toStandardOutput(settings));
    }

    @Override
    public UrlProber prober(PolicyContext context) {
        UrlProber network = NetworkUrlProber.create(configuration, context);
        return new UrlProber() {
            @Override
            public ProbeReport probe(ClientMetadata metadata) {
                ProbeReport report = network.probe(metadata);
                metrics.probed(report);
                return report;
            }

            @Override
            public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
                return network.probeUrls(targets);
            }
        };
    }

    @Override
    public CrlSource crls() {
        return new ProbedCrlSource(NetworkUrlProber.network(configuration), IssuanceWiring.CLOCK,
                UdapConfiguration.MAX_CRL_BYTES);
    }

    @Override
    public IssuerCertificateSource issuerCertificates() {
        return new ProbedIssuerCertificateSource(NetworkUrlProber.network(configuration,
                UdapConfiguration.ISSUER_CERTIFICATE_TIMEOUT));
    }

    @Override
    public ChallengeSite challengeSite() {
        return new ProbedChallengeSite(NetworkUrlProber.network(configuration));
    }
}
