package health.registration.reverify;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.certificate.ProbedChallengeSite;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.UrlProber;
import health.registration.core.reverify.Reverification;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.core.udap.ProbedIssuerCertificateSource;
import health.registration.edge.Settings;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import health.registration.issuance.UdapConfiguration;

/**
 * The issuing functions wired as in Lambda ({@link IssuanceWiring}, {@link ReverifyWiring}) over the shared SDK
 * clients, but probing in-process through the network engine (with the {@code PROBE_*} test seams) in place of the
 * probe function, as the local runner wires them: the fixture sites answer on loopback.
 */
final class InProcessWiring {

    private final IssuanceWiring wiring;

    private InProcessWiring(IssuanceWiring wiring) {
        this.wiring = wiring;
    }

    static InProcessWiring of(Settings settings) {
        return new InProcessWiring(IssuanceWiring.from(settings, AwsClients.shared(), probing(settings.probeConfiguration())));
    }

    IdempotentRegistration registration() {
        return wiring.registration();
    }

    RegisteredClients registeredClients() {
        return wiring.registeredClients();
    }

    Reverification reverification() {
        return ReverifyWiring.reverification(wiring);
    }

    private static Probing probing(ProbeConfiguration configuration) {
        return new Probing() {
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
        };
    }
}
