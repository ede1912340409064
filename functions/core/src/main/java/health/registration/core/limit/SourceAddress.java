package health.registration.core.limit;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who a per-source limit counts against: an IPv4 address as it is, an IPv6 address by its /64 (RFC 4291 §2.5.4: one
 * subnet, which a single host or site typically holds whole, so counting per address would let one caller rotate
 * through 2^64 of them), an IPv4-mapped IPv6 address as its IPv4 address. A source that is no IP address (absent
 * from the event) shares the one key {@value #UNKNOWN}, so it is limited too rather than exempt.
 *
 * @param key the counter's name for this source, e.g. {@code 203.0.113.7} or {@code 2001:db8:1:2::/64}
 */
public record SourceAddress(String key) {

    public static final String UNKNOWN = "unknown";

    public SourceAddress {
        Objects.requireNonNull(key);
    }

    /** The source of API Gateway's {@code requestContext.identity.sourceIp} (or the local API's peer address). */
    public static SourceAddress of(String sourceIp) {
        if (sourceIp == null || sourceIp.isBlank()) {
            return new SourceAddress(UNKNOWN);
        }
        String text = sourceIp.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.contains("%") || !InetAddresses.isInetAddress(text)) {
            return new SourceAddress(UNKNOWN);
        }
        return of(InetAddresses.forString(text));
    }

    /** An address's key: IPv4 whole, IPv6 by its /64. */
    public static SourceAddress of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return new SourceAddress(address.getHostAddress());
        }
        byte[] bytes = address.getAddress();
        try {
            if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
                return of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
            }
            byte[] prefix = Arrays.copyOf(bytes, 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return new SourceAddress(InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/64");
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an IP address", impossible);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
