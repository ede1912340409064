package health.registration.core.udap;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The http and https caIssuers URLs of a certificate's Authority Information Access extension (RFC 5280 §4.2.2.1,
 * extension 1.3.6.1.5.5.7.1.1, access method id-ad-caIssuers): where the certificate of its issuer is published.
 * LDAP, OCSP entries and a malformed extension give nothing.
 */
public final class AuthorityInformationAccess {

    private AuthorityInformationAccess() {}

    public static List<URI> caIssuers(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        try {
            org.bouncycastle.asn1.x509.AuthorityInformationAccess access = org.bouncycastle.asn1.x509
                    .AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
                    webUrl(description.getAccessLocation()).ifPresent(urls::add);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException malformed) {
            return List.of();
        }
        return urls;
    }

    private static Optional<URI> webUrl(GeneralName location) {
        if (location.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return Optional.empty();
        }
        String text = ASN1IA5String.getInstance(location.getName()).getString();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
    }
}
