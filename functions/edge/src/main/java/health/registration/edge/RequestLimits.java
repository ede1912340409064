package health.registration.edge;

import health.registration.core.limit.SourceAddress;
import health.registration.core.limit.SourceQuota;
import java.util.Optional;

/**
 * The abuse and cost limits' configuration (docs/configuration.md) and their answer: how many requests a source
 * address may make per hour to {@code POST /register} and {@code POST /probe}, where they are counted, and how many
 * clients one registrable domain may have.
 */
public final class RequestLimits {

    /** The request counts table ({@code REQUEST_COUNTS_TABLE: !Ref RequestCountsTable}). */
    public static final String REQUEST_COUNTS_TABLE = "REQUEST_COUNTS_TABLE";
    /**
     * {@code POST /register} requests one source address (IPv4 address, IPv6 /64) may make per clock hour, refused
     * ones counted too; beyond, {@code 429 rate_limited} with {@code Retry-After} (default 20). A value that is no whole
     * number of at least 1 stops the function from starting.
     */
    public static final String REGISTRATIONS_PER_SOURCE_PER_HOUR = "REGISTRATIONS_PER_SOURCE_PER_HOUR";
    /** The same for {@code POST /probe} (default 60). */
    public static final String PROBES_PER_SOURCE_PER_HOUR = "PROBES_PER_SOURCE_PER_HOUR";
    /**
     * Most visible clients per registrable domain of {@code client_uri} on the open and UDAP paths (default 25); a new
     * client beyond is refused with {@code 400}, naming the limit and {@code MANUAL_REGISTRATION_URL}.
     */
    public static final String CLIENTS_PER_DOMAIN = "CLIENTS_PER_DOMAIN";

    static final long DEFAULT_REGISTRATIONS_PER_HOUR = 20;
    static final long DEFAULT_PROBES_PER_HOUR = 60;
    static final long DEFAULT_CLIENTS_PER_DOMAIN = 25;

    private RequestLimits() {}

    /** {@code REQUEST_COUNTS_TABLE}: required where requests are counted. */
    public static String requestCountsTable(Settings settings) {
        return settings.value(REQUEST_COUNTS_TABLE)
                .orElseThrow(() -> new IllegalStateException(REQUEST_COUNTS_TABLE + " must be set"));
    }

    public static long registrationsPerSourcePerHour(Settings settings) {
        return positive(settings, REGISTRATIONS_PER_SOURCE_PER_HOUR, DEFAULT_REGISTRATIONS_PER_HOUR);
    }

    public static long probesPerSourcePerHour(Settings settings) {
        return positive(settings, PROBES_PER_SOURCE_PER_HOUR, DEFAULT_PROBES_PER_HOUR);
    }

    public static long clientsPerDomain(Settings settings) {
        return positive(settings, CLIENTS_PER_DOMAIN, DEFAULT_CLIENTS_PER_DOMAIN);
    }

    /** A whole number of at least 1, else the default when unset; anything else stops the function from starting. */
    private static long positive(Settings settings, String name, long fallback) {
        String value = settings.value(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the variable's name
        }
        throw new IllegalStateException(name + " must be a whole number of at least 1");
    }

    /**
     * The request's admission by {@code quota}, counted against its source address: empty when it may proceed, else
     * the 429 answer with {@code Retry-After} (RFC 6585 §4, RFC 9110 §10.2.3) and the RFC 7591 error JSON.
     */
    public static Optional<ApiResponse> refusal(SourceQuota quota, ApiRequest request) {
        if (quota.admit(SourceAddress.of(request.sourceIp())) instanceof SourceQuota.Exhausted exhausted) {
            return Optional.of(ErrorResponses.of(exhausted.error())
                    .withHeader("Retry-After", String.valueOf(exhausted.retryAfter().toSeconds())));
        }
        return Optional.empty();
    }
}
