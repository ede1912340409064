package health.registration.core.certificate;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed CRL of an issuing authority (RFC 5280 §5) as stored and published at {@code /crl/{ca}.crl}: its DER with
 * the fields the store conditions on. Immutable: the DER is copied in and out.
 */
public final class CrlDocument {

    private final BigInteger number;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final byte[] der;

    /**
     * @param number     its cRLNumber (RFC 5280 §5.2.3), which only ever grows
     * @param thisUpdate when it was issued
     * @param nextUpdate when the next one is due
     * @param der        the signed CRL
     */
    public CrlDocument(BigInteger number, Instant thisUpdate, Instant nextUpdate, byte[] der) {
        this.number = Objects.requireNonNull(number);
        this.thisUpdate = Objects.requireNonNull(thisUpdate);
        this.nextUpdate = Objects.requireNonNull(nextUpdate);
        this.der = Objects.requireNonNull(der).clone();
        if (number.signum() <= 0) {
            throw new IllegalArgumentException("a CRL number is positive");
        }
    }

    public BigInteger number() {
        return number;
    }

    public Instant thisUpdate() {
        return thisUpdate;
    }

    public Instant nextUpdate() {
        return nextUpdate;
    }

    /** The DER, as served with {@code Content-Type: application/pkix-crl} (RFC 5280 §4.2.1.13). */
    public byte[] der() {
        return der.clone();
    }

    /** Standard base64 of the DER, for stores that keep text. */
    public String base64() {
        return Base64.getEncoder().encodeToString(der);
    }

    public String pem() {
        return Pem.encode(Pem.CRL, der);
    }

    public X509CRL x509() {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | CertificateException e) {
            throw new IllegalStateException("a stored CRL is not DER", e);
        }
    }

    /** True when it lists the serial as revoked. */
    public boolean lists(BigInteger serial) {
        return x509().getRevokedCertificate(serial) != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrlDocument that && number.equals(that.number) && thisUpdate.equals(that.thisUpdate)
                && nextUpdate.equals(that.nextUpdate) && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, thisUpdate, nextUpdate, Arrays.hashCode(der));
    }

    @Override
    public String toString() {
        return "CrlDocument[number=" + number + ", thisUpdate=" + thisUpdate + ", nextUpdate=" + nextUpdate + ", "
                + der.length + " bytes]";
    }
}
