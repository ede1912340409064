package health.registration.adapters.http;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The last hop below the connect-time guard: where a socket actually goes once the guard has approved an endpoint.
 * Production dials the approved endpoint itself ({@link #DIRECT}). Tests translate an approved public-looking
 * address to a loopback server (docs/security.md, "Testing without weakening the guard" item 2), so the unmodified
 * policy runs in tests. Package private and never wired in production.
 */
@FunctionalInterface
interface Dialer {

    /** Dials exactly the endpoint the guard checked. */
    Dialer DIRECT = checked -> checked;

    /** The endpoint to connect to for an endpoint the guard has already approved. */
    InetSocketAddress route(InetSocketAddress checked) throws IOException;
}
