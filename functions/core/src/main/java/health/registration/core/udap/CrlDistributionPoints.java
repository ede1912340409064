package health.registration.core.udap;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The http and https URLs of a certificate's CRL distribution points (RFC 5280 §4.2.1.13, extension 2.5.29.31):
 * full names that are uniformResourceIdentifiers. LDAP, relative names and a malformed extension give nothing.
 */
public final class CrlDistributionPoints {

    private CrlDistributionPoints() {}

    public static List<URI> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    addWebUrls(GeneralNames.getInstance(name.getName()), urls);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException malformed) {
            return List.of();
        }
        return urls;
    }

    private static void addWebUrls(GeneralNames names, List<URI> urls) {
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
                continue;
            }
            String text = ASN1IA5String.getInstance(name.getName()).getString();
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    urls.add(new URI(text));
                } catch (URISyntaxException notAUri) {
                    // Not a URL any fetcher could use: the point is skipped like an LDAP one.
                }
            }
        }
    }
}
