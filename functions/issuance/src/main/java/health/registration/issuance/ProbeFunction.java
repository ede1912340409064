package health.registration.issuance;

import health.registration.adapters.aws.LambdaChallengeSite;
import health.registration.adapters.aws.LambdaCrlSource;
import health.registration.adapters.aws.LambdaIssuerCertificateSource;
import health.registration.adapters.aws.LambdaUrlProber;
import health.registration.adapters.aws.ServiceClients;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.UrlProber;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;
import health.registration.edge.Settings;
import java.time.Clock;
import java.util.Optional;

/**
 * The probe function ({@code PROBE_FUNCTION_NAME}) through the Lambda Invoke API: how every issuing function probes
 * in AWS. Nothing is checked until a piece is asked for, so a function that never probes (cleanup) needs no name;
 * one that does fails to start when the name is missing, rather than probing from its own network.
 */
public final class ProbeFunction implements Probing {

    private final ServiceClients aws;
    private final Optional<String> name;
    private final Clock clock;

    ProbeFunction(ServiceClients aws, Optional<String> name, Clock clock) {
        this.aws = aws;
        this.name = name;
        this.clock = clock;
    }

    private String name() {
        return name.orElseThrow(() -> new IllegalStateException(Settings.PROBE_FUNCTION_NAME
                + " must be set: in AWS the issuing functions probe through the probe function"));
    }

    @Override
    public UrlProber prober(PolicyContext context) {
        return new LambdaUrlProber(aws.lambdaInvoke(), name());
    }

    @Override
    public CrlSource crls() {
        return new LambdaCrlSource(aws.lambdaInvoke(), name(), clock);
    }

    @Override
    public IssuerCertificateSource issuerCertificates() {
        return new LambdaIssuerCertificateSource(aws.lambdaInvoke(), name());
    }

    @Override
    public ChallengeSite challengeSite() {
        return new LambdaChallengeSite(aws.lambdaInvoke(), name());
    }
}
