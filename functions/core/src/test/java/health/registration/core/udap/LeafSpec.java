package health.registration.core.udap;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * What a test leaf certificate holds; each {@code with} method changes one thing.
 *
 * @param commonName            the subject's CN
 * @param keys                  the leaf's key pair
 * @param sanUris               Subject Alternative Name uniformResourceIdentifier entries (UDAP client URIs)
 * @param crlDistributionPoints the URLs of its CRL distribution points; none leaves the extension out
 * @param notBefore             start of validity
 * @param notAfter              end of validity
 */
public record LeafSpec(String commonName, KeyPair keys, List<String> sanUris, List<String> crlDistributionPoints,
                       Instant notBefore, Instant notAfter) {

    public LeafSpec {
        sanUris = List.copyOf(sanUris);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
    }

    public LeafSpec withKeys(KeyPair newKeys) {
        return new LeafSpec(commonName, newKeys, sanUris, crlDistributionPoints, notBefore, notAfter);
    }

    public LeafSpec withSanUris(String... uris) {
        return new LeafSpec(commonName, keys, List.of(uris), crlDistributionPoints, notBefore, notAfter);
    }

    public LeafSpec withCrlDistributionPoints(String... urls) {
        return new LeafSpec(commonName, keys, sanUris, List.of(urls), notBefore, notAfter);
    }

    public LeafSpec validBetween(Instant from, Instant until) {
        return new LeafSpec(commonName, keys, sanUris, crlDistributionPoints, from, until);
    }
}
