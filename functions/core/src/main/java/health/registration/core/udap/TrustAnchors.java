package health.registration.core.udap;

import health.registration.core.model.PemBlocks;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trust anchors of the UDAP communities this server accepts (UDAP DCR §4.2: the chain is validated "to a trusted
 * anchor"), read from PEM text (each block through {@link PemBlocks}):
 *
 * <pre>
 * # community: urn:example:community-a
 * -----BEGIN CERTIFICATE-----
 * ...
 * -----END CERTIFICATE-----
 * </pre>
 *
 * A {@code community: <uri>} line (bare or as a {@code #} comment) names the community of the certificate that
 * follows; an anchor without one belongs to {@code urn:sha-256:<hex SHA-256 of its DER>}. Every anchor must be a CA
 * certificate. Blank lines and {@code #} comments are ignored; anything else is refused, so a mistyped file fails
 * when it is loaded rather than when a client registers. Immutable.
 */
public final class TrustAnchors {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Pattern COMMUNITY = Pattern.compile("(?:#\\s*)?community:(.*)");

    private final List<TrustCommunity> communities;

    private TrustAnchors(List<TrustCommunity> communities) {
        this.communities = List.copyOf(communities);
    }

    /**
     * Reads the anchors; an empty text gives no anchors.
     *
     * @throws IllegalArgumentException naming the line or certificate block (counted from 1) that is not a CA
     *                                  certificate, not a certificate at all, or not a community line or comment
     */
    public static TrustAnchors parse(String pemText) {
        PemReader reader = new PemReader();
        String[] lines = pemText.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            reader.line(lines[i].strip(), i + 1);
        }
        return new TrustAnchors(reader.finish());
    }

    /** In the order of the text. */
    public List<TrustCommunity> communities() {
        return communities;
    }

    public Optional<TrustCommunity> byUri(String uri) {
        return communities.stream().filter(c -> c.uri().equals(uri)).findFirst();
    }

    public boolean isEmpty() {
        return communities.isEmpty();
    }

    /** The community whose anchor is this certificate. */
    Optional<TrustCommunity> byAnchor(X509Certificate anchor) {
        return communities.stream().filter(c -> c.anchor().equals(anchor)).findFirst();
    }

    /** Reads line by line: between BEGIN and END lines it collects base64, elsewhere community lines. */
    private static final class PemReader {
        private final List<TrustCommunity> found = new ArrayList<>();
        private String community;
        private int communityLine;
        private StringBuilder base64;

        void line(String line, int number) {
            Matcher named = COMMUNITY.matcher(line);
            if (base64 != null) {
                if (line.equals(END)) {
                    add(anchor(found.size() + 1, base64.toString()));
                } else {
                    base64.append(line);
                }
            } else if (line.equals(BEGIN)) {
                base64 = new StringBuilder();
            } else if (named.matches()) {
                if (community != null) {
                    throw new IllegalArgumentException("line " + number + " names a second community before the"
                            + " certificate of the community on line " + communityLine);
                }
                community = communityUri(named.group(1), number);
                communityLine = number;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new IllegalArgumentException("line " + number
                        + " is neither part of a PEM certificate, a community line nor a # comment");
            }
        }

        private void add(X509Certificate anchor) {
            int block = found.size() + 1;
            String uri = community != null ? community : "urn:sha-256:" + HexFormat.of().formatHex(
                    VerifiedStatement.sha256(VerifiedStatement.der(anchor)));
            for (TrustCommunity earlier : found) {
                if (earlier.anchor().equals(anchor) || earlier.uri().equals(uri)) {
                    throw new IllegalArgumentException("certificate block " + block
                            + " repeats the anchor or the community of an earlier block");
                }
            }
            found.add(new TrustCommunity(uri, anchor));
            community = null;
            base64 = null;
        }

        List<TrustCommunity> finish() {
            if (base64 != null) {
                throw new IllegalArgumentException("certificate block " + (found.size() + 1) + " has no " + END
                        + " line");
            }
            if (community != null) {
                throw new IllegalArgumentException("the community on line " + communityLine
                        + " has no certificate after it");
            }
            return found;
        }
    }

    private static String communityUri(String text, int line) {
        String uri = text.strip();
        try {
            if (!uri.isEmpty() && uri.chars().noneMatch(Character::isWhitespace) && new URI(uri).isAbsolute()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("the community on line " + line + " is not an absolute URI");
    }

    private static X509Certificate anchor(int block, String base64) {
        X509Certificate certificate;
        try {
            List<PemBlocks.Block> read = PemBlocks.read(BEGIN + "\n" + base64 + "\n" + END + "\n");
            byte[] der = read.get(0).der();
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("not DER");
            }
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("certificate block " + block
                    + " is not a DER X.509 certificate in base64", e);
        }
        // RFC 5280 §4.2.1.9: only a certificate whose basicConstraints says CA may issue certificates.
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate block " + block
                    + " is not a CA certificate (its basicConstraints extension does not say CA)");
        }
        return certificate;
    }
}
