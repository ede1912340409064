package health.registration.core.udap;

import health.registration.core.model.Parsed;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * UDAP DCR §4.2: a PKIX path from x5c[0] to a trust anchor, with validity dates and CRL revocation status. The path is
 * built first, without revocation; only then are the CRLs of its certificates fetched, so that no URL from a
 * certificate outside a trusted chain is ever fetched. When {@code x5c} alone leads to no anchor and an
 * {@link IssuerCertificateSource} is given, the missing issuers are fetched from Authority Information Access
 * ({@link AiaChase}) and the path is built again. The JDK fetches nothing itself (no AIA, no CRL DP download).
 */
final class TrustChain {

    static final String UNTRUSTED = "software_statement certificate chain does not lead to a trust anchor of this"
            + " server; use a certificate issued in one of its trust communities and send its intermediates in x5c";
    static final String UNTRUSTED_WITH_AIA = "software_statement certificate chain does not lead to a trust anchor of"
            + " this server, even with the issuer certificates fetched through Authority Information Access; use a"
            + " certificate issued in one of its trust communities";
    static final String OUT_OF_DATE = "software_statement certificate chain has a certificate that has expired or"
            + " is not yet valid";
    static final String REVOKED = "software_statement certificate chain has a revoked certificate";
    static final String UNKNOWN_STATUS = "software_statement certificate chain has a certificate whose revocation"
            + " status could not be determined from its CRL distribution points";

    static final String NOT_END_ENTITY = "software_statement must be signed by an end-entity certificate: x5c[0] says"
            + " CA in its basicConstraints; sign with the client's own certificate";
    static final String NOT_FOR_SIGNING = "software_statement x5c[0] certificate must allow digitalSignature in its"
            + " keyUsage extension";
    static final String TOO_LONG = "software_statement certificate chain is longer than this server accepts";
    /** Most certificates on a built path below its anchor, leaf included. */
    static final int MAX_PATH_CERTIFICATES = 5;
    /** RFC 5280 §4.2.1.3: the digitalSignature bit of keyUsage. */
    private static final int DIGITAL_SIGNATURE = 0;

    private final TrustAnchors anchors;
    private final CrlSource crls;
    private final RevocationFailureMode mode;
    private final Optional<AiaChase> aia;

    TrustChain(TrustAnchors anchors, CrlSource crls, RevocationFailureMode mode) {
        this(anchors, crls, mode, Optional.empty());
    }

    /** @param issuers where Authority Information Access is followed; empty, it is not */
    TrustChain(TrustAnchors anchors, CrlSource crls, RevocationFailureMode mode, Optional<IssuerCertificateSource> issuers) {
        this.anchors = anchors;
        this.crls = crls;
        this.mode = mode;
        this.aia = issuers.map(AiaChase::new);
    }

    /** The community the chain leads to at this instant, or why it leads to none. */
    Parsed<TrustCommunity> validate(List<X509Certificate> x5c, Instant at) {
        if (anchors.isEmpty()) {
            return Parsed.failure("software_statement cannot be trusted: this server has no trust community");
        }
        Optional<String> signer = signerProblem(x5c.get(0));
        if (signer.isPresent()) {
            return Parsed.failure(signer.get());
        }
        Date date = Date.from(at);
        Optional<PKIXCertPathBuilderResult> built = build(x5c, date);
        if (built.isEmpty()) {
            Parsed<PKIXCertPathBuilderResult> withAia = buildWithAia(x5c, date);
            if (!withAia.isOk()) {
                return Parsed.failure(withAia.problem());
            }
            built = Optional.of(withAia.value());
        }
        TrustAnchor anchor = built.get().getTrustAnchor();
        Optional<String> revocation = revocationProblem(built.get().getCertPath(), anchor, date);
        if (revocation.isPresent()) {
            return Parsed.failure(revocation.get());
        }
        return anchors.byAnchor(anchor.getTrustedCert()).map(Parsed::ok).orElseGet(() -> Parsed.failure(UNTRUSTED));
    }

    /**
     * The path through {@code x5c} and the issuers fetched from Authority Information Access, or why there is none.
     * Nothing is fetched for a chain with a certificate out of date, or without an {@link IssuerCertificateSource}.
     */
    private Parsed<PKIXCertPathBuilderResult> buildWithAia(List<X509Certificate> x5c, Date date) {
        if (!allValidAt(x5c, date)) {
            return Parsed.failure(OUT_OF_DATE);
        }
        if (aia.isEmpty()) {
            return Parsed.failure(UNTRUSTED);
        }
        Set<X500Principal> anchorSubjects = anchors.communities().stream()
                .map(c -> c.anchor().getSubjectX500Principal()).collect(Collectors.toSet());
        Parsed<AiaChase.Chased> chased = aia.get().chase(x5c, anchorSubjects);
        if (!chased.isOk()) {
            return Parsed.failure(chased.problem());
        }
        if (chased.value().fetched() == 0) {
            return Parsed.failure(UNTRUSTED);
        }
        List<X509Certificate> certificates = chased.value().certificates();
        Optional<PKIXCertPathBuilderResult> built = build(certificates, date);
        if (built.isEmpty()) {
            return Parsed.failure(allValidAt(certificates, date) ? UNTRUSTED_WITH_AIA : OUT_OF_DATE);
        }
        return Parsed.ok(built.get());
    }

    /**
     * RFC 5280 §4.2.1.9 and §4.2.1.3: the key that signs a statement belongs to an end entity (basicConstraints CA
     * false or absent) whose keyUsage allows digitalSignature. An absent keyUsage is refused: RFC 5280 would read it
     * as "any use", but UDAP client certificates carry keyUsage (as this service's own developer certificates and
     * the IG's test certificates do), and a certificate minted for another purpose must not sign registrations.
     */
    private static Optional<String> signerProblem(X509Certificate leaf) {
        if (leaf.getBasicConstraints() >= 0) {
            return Optional.of(NOT_END_ENTITY);
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null || usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE]) {
            return Optional.of(NOT_FOR_SIGNING);
        }
        return Optional.empty();
    }

    private Optional<PKIXCertPathBuilderResult> build(List<X509Certificate> x5c, Date date) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(x5c.get(0));
            Set<TrustAnchor> trusted = anchors.communities().stream()
                    .map(c -> new TrustAnchor(c.anchor(), null)).collect(Collectors.toSet());
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trusted, target);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(x5c)));
            parameters.setDate(date);
            parameters.setRevocationEnabled(false);
            // RFC 5280 §6.1: maxPathLength counts the intermediates, the certificates between the anchor and the leaf.
            parameters.setMaxPathLength(MAX_PATH_CERTIFICATES - 1);
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            return result.getCertPath().getCertificates().size() <= MAX_PATH_CERTIFICATES ? Optional.of(result) : Optional.empty();
        } catch (CertPathBuilderException noPath) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX provider is unusable", e);
        }
    }

    private static boolean allValidAt(List<X509Certificate> x5c, Date date) {
        for (X509Certificate certificate : x5c) {
            try {
                certificate.checkValidity(date);
            } catch (CertificateException outOfDate) {
                return false;
            }
        }
        return true;
    }

    /** Fetches the CRL of every certificate on the path (the anchor is not on it), then validates with them. */
    private Optional<String> revocationProblem(CertPath path, TrustAnchor anchor, Date date) {
        List<X509CRL> lists = new ArrayList<>();
        for (Certificate certificate : path.getCertificates()) {
            Optional<X509CRL> crl = firstCrl(CrlDistributionPoints.of((X509Certificate) certificate));
            if (crl.isEmpty() && mode == RevocationFailureMode.REJECT) {
                return Optional.of(UNKNOWN_STATUS);
            }
            crl.ifPresent(lists::add);
        }
        return validate(path, anchor, lists, date);
    }

    private Optional<X509CRL> firstCrl(List<URI> distributionPoints) {
        return distributionPoints.stream().map(crls::crl).flatMap(Optional::stream).findFirst();
    }

    private Optional<String> validate(CertPath path, TrustAnchor anchor, List<X509CRL> lists, Date date) {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            // CRLs only, from the store below; SOFT_FAIL lets an undetermined status pass (never a revoked one).
            Set<PKIXRevocationChecker.Option> options = EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK);
            if (mode == RevocationFailureMode.ACCEPT) {
                options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
            }
            checker.setOptions(options);
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setDate(date);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(lists)));
            parameters.addCertPathChecker(checker);
            validator.validate(path, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(describe(e.getReason()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's PKIX provider is unusable", e);
        }
    }

    /** What a failed validation of a built path says, by the reason the JDK gives. */
    static String describe(CertPathValidatorException.Reason reason) {
        if (reason == CertPathValidatorException.BasicReason.REVOKED) {
            return REVOKED;
        }
        if (reason == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return UNKNOWN_STATUS;
        }
        boolean dates = reason == CertPathValidatorException.BasicReason.EXPIRED
                || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID;
        return dates ? OUT_OF_DATE : UNTRUSTED;
    }
}
