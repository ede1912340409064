package health.registration.core.certificate;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate serial numbers: random, positive and at most 20 octets (RFC 5280 §4.1.2.2), written as lower-case hex
 * without leading zeros in records, URLs and events.
 */
public final class CertificateSerial {

    /**
     * 159 random bits: the DER INTEGER then never needs a leading zero octet, so it stays within 20 octets, and it
     * carries far more than the 64 bits of entropy CA/Browser Forum BR §7.1 asks for.
     */
    static final int BITS = 159;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,40}");

    private CertificateSerial() {}

    /** A fresh serial: positive, below 2^159. */
    static BigInteger random(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(BITS, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** The record form: lower-case hex, no leading zeros. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    /**
     * A serial as an operator may copy it: hex in any case, with or without {@code :} separators (as
     * {@code openssl x509 -text} prints it) and leading zeros; empty when it is not a positive serial.
     */
    public static Optional<BigInteger> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replace(":", "").replaceFirst("^0+(?=.)", "");
        if (!HEX.matcher(digits).matches()) {
            return Optional.empty();
        }
        BigInteger serial = new BigInteger(digits, 16);
        return serial.signum() > 0 ? Optional.of(serial) : Optional.empty();
    }
}
