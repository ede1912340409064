package health.registration.core.probe;

import com.google.common.net.InetAddresses;
import com.google.common.primitives.Ints;
import java.net.Inet4Address;
import java.util.Optional;

/**
 * Where an IPv6 block carries an IPv4 address, so that the special-purpose table can judge or name the address
 * inside. Read from the raw bytes, because the JDK unwraps only the IPv4-mapped text form.
 */
enum EmbeddedIpv4 {

    /** The block carries no IPv4 address. */
    NONE(-1, 0),
    /** The last four bytes: IPv4-mapped and IPv4-compatible (RFC 4291 §2.5.5), NAT64 /96 (RFC 6052 §2.2). */
    LAST_32_BITS(12, 0),
    /** The four bytes after {@code 2002:} (RFC 3056 §2). */
    AFTER_6TO4_PREFIX(2, 0),
    /** The Teredo client's address: the last four bytes with every bit inverted (RFC 4380 §4). */
    TEREDO_CLIENT(12, 0xffffffff);

    private final int offset;
    private final int inversion;

    EmbeddedIpv4(int offset, int inversion) {
        this.offset = offset;
        this.inversion = inversion;
    }

    /** The IPv4 address inside the 16 bytes of an IPv6 address of this block, if the block carries one. */
    Optional<Inet4Address> in(byte[] ipv6) {
        if (offset < 0 || ipv6.length != 16) {
            return Optional.empty();
        }
        int bits = Ints.fromBytes(ipv6[offset], ipv6[offset + 1], ipv6[offset + 2], ipv6[offset + 3]);
        return Optional.of(InetAddresses.fromInteger(bits ^ inversion));
    }
}
