package health.registration.local;

import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.certificate.ProbedChallengeSite;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.UrlProber;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.core.udap.ProbedIssuerCertificateSource;
import health.registration.edge.Settings;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import health.registration.issuance.UdapConfiguration;

/**
 * The probing engine in-process, as the probe function runs it in AWS: the local runner hands it to each issuing
 * function it starts (there is no probe function to invoke), with the {@code PROBE_*} test seams of the runner's
 * environment (hosts file, trusted CA, allowed CIDRs). CRLs and challenges go through the same guard; issuer
 * certificates from Authority Information Access (RFC 5280 §4.2.2.1) with their 3 s limit.
 */
public final class InProcessProbing implements Probing {

    private final ProbeConfiguration configuration;

    private InProcessProbing(ProbeConfiguration configuration) {
        this.configuration = configuration;
    }

    public static InProcessProbing of(Settings settings) {
        return new InProcessProbing(settings.probeConfiguration());
    }

    @Override
    public UrlProber prober(PolicyContext context) {
        return NetworkUrlProber.create(configuration, context);
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
