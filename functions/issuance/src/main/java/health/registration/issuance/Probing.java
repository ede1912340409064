package health.registration.issuance;

import health.registration.core.certificate.ChallengeSite;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.UrlProber;
import health.registration.core.udap.CrlSource;
import health.registration.core.udap.IssuerCertificateSource;

/**
 * How an issuing function reaches the web outside: the probes of a registration (policy section 5), CRLs (UDAP DCR
 * §4.2), issuer certificates from Authority Information Access (RFC 5280 §4.2.2.1) and ownership challenges. In AWS
 * always the probe function through Lambda Invoke ({@link ProbeFunction}); only the local runner hands a function
 * an in-process engine instead, through the handler's constructor that takes one.
 */
public interface Probing {

    /** The registration prober, under the URL rules of {@code context}. */
    UrlProber prober(PolicyContext context);

    /** CRLs fetched through the probe guard (no developer-authority shortcut: see {@link IssuanceWiring#crlSource}). */
    CrlSource crls();

    /** Issuer certificates named in Authority Information Access, uncached. */
    IssuerCertificateSource issuerCertificates();

    /** Ownership challenges of developer-certificate requests. */
    ChallengeSite challengeSite();
}
