package health.registration.core.probe;

/**
 * Port: one HTTP GET, made only to the request's checked addresses (and checked again when the socket connects),
 * without proxy, redirects, retries, cookies or compression, within the connect, read and whole-call limits, reading
 * at most the request's body cap.
 */
public interface PageFetcher {

    /**
     * @throws ProbeFailure with {@link ProbeOutcome#TLS_ERROR}, {@link ProbeOutcome#TIMEOUT},
     *                      {@link ProbeOutcome#CONNECT_ERROR} or, when the connect-time guard refuses the address,
     *                      {@link ProbeOutcome#NOT_PUBLIC}
     */
    FetchedPage fetch(FetchRequest request) throws ProbeFailure;
}
