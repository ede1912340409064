package health.registration.core.port;

import health.registration.core.model.ClientMetadata;
import health.registration.core.probe.ProbeReport;

/**
 * Port: probes every URL of a registration that passes the URL rules (policy section 5) and reports each. Issuance
 * and re-verification call it; in AWS it is the probe function behind the Lambda Invoke API, locally the engine
 * in-process.
 */
public interface UrlProber {

    ProbeReport probe(ClientMetadata metadata);
}
