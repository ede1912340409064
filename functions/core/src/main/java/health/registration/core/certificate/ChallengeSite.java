package health.registration.core.certificate;

import java.util.Optional;

/**
 * Port: what a developer's site serves at an ownership challenge URL, fetched through the prober's guard (public
 * address, https, no redirects, a small body cap). Empty when it cannot be fetched or does not answer 200 with the
 * whole body. In AWS it is the probe function behind the Lambda Invoke API, locally the guard in-process.
 */
public interface ChallengeSite {

    Optional<String> body(String url);
}
