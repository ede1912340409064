package health.registration.adapters.http;

import java.time.Duration;
import java.time.Instant;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A test CA and server certificates signed by it, good and bad (docs/security.md, "Testing without weakening the
 * guard" item 6).
 */
final class TestCertificates {

    static final String HOST = "ok.example.com";

    final HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("probe test root")
            .build();
    final HeldCertificate otherRoot = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("unknown root").build();

    /** Trusts {@link #root} alone, not the JDK's anchors. */
    HandshakeCertificates clientTrust() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build();
    }

    HeldCertificate leaf(String name) {
        return new HeldCertificate.Builder().addSubjectAlternativeName(name).signedBy(root).build();
    }

    HeldCertificate expiredLeaf() {
        Instant now = Instant.now();
        return new HeldCertificate.Builder().addSubjectAlternativeName(HOST).signedBy(root)
                .validityInterval(now.minus(Duration.ofDays(30)).toEpochMilli(),
                        now.minus(Duration.ofDays(1)).toEpochMilli())
                .build();
    }

    HeldCertificate leafFromUnknownRoot() {
        return new HeldCertificate.Builder().addSubjectAlternativeName(HOST).signedBy(otherRoot).build();
    }

    /** What a server presents: the leaf and the root that signed it. */
    static HandshakeCertificates serving(HeldCertificate leaf, HeldCertificate issuer) {
        return new HandshakeCertificates.Builder().heldCertificate(leaf, issuer.certificate()).build();
    }
}
