package health.registration.local;

import health.registration.core.udap.TestCredential;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * New UDAP client apps for {@link UdapRegistrationIT}, each on a fixture host of its own (so the prober's per-host
 * limits never bind) and with its own client URI {@code https://<host>/udap}: a SAN URI of its certificate, so each
 * registration is a new (community, iss) pair unless a test reuses the client.
 */
final class UdapClients {

    private final UdapTestPki pki;
    private final UdapSites sites;

    UdapClients(UdapTestPki pki, UdapSites sites) {
        this.pki = pki;
        this.sites = sites;
    }

    /** An RSA 2048 certificate of the trusted community (RS256). */
    UdapClient rsa() {
        String host = sites.nextHost();
        return inCommunity(host, pki.rsaLeaf(iss(host)));
    }

    /** A P-256 certificate of the trusted community (ES256). */
    UdapClient es256() {
        String host = sites.nextHost();
        return inCommunity(host, pki.es256Leaf(iss(host)));
    }

    /** A certificate of the trusted community that expired yesterday. */
    UdapClient expired() {
        String host = sites.nextHost();
        return inCommunity(host, pki.expiredLeaf(iss(host)));
    }

    /** The certificate the intermediate's CRL revokes (its client URI is fixed by the PKI). */
    UdapClient revoked() {
        TestCredential leaf = pki.revokedLeaf();
        return new UdapClient(UdapTestPki.REVOKED_ISS, sites.nextHost(), leaf, pki.chain(leaf));
    }

    /** A certificate whose CRL distribution point answers 404. */
    UdapClient withUnavailableCrl() {
        String host = sites.nextHost();
        return inCommunity(host, pki.leafWithUnavailableCrl(iss(host)));
    }

    /** A certificate of a community whose root this server does not trust, sent with its own intermediate. */
    UdapClient untrusted() {
        String host = sites.nextHost();
        TestCredential leaf = pki.untrustedLeaf(iss(host));
        return new UdapClient(iss(host), host, leaf, pki.untrustedChain(leaf));
    }

    /** The intermediate CA signing for itself, x5c its own certificate and the root's (RFC 5280 §4.2.1.9). */
    UdapClient caSigner() {
        TestCredential ca = pki.intermediateCa();
        return new UdapClient(iss(sites.nextHost()), sites.nextHost(), ca, List.of(ca.certificate(), pki.rootCertificate()));
    }

    /** A certificate of the trusted community whose x5c repeats the intermediate until it holds six certificates. */
    UdapClient withSixCertificates() {
        UdapClient client = rsa();
        List<X509Certificate> six = new java.util.ArrayList<>(client.x5c());
        while (six.size() < 6) {
            six.add(client.x5c().get(1));
        }
        return client.renewed(client.credential(), six);
    }

    /** The same client URI with a new RSA certificate of the trusted community, as after a renewal or re-key. */
    UdapClient renew(UdapClient client) {
        TestCredential leaf = pki.rsaLeaf(client.iss());
        return client.renewed(leaf, pki.chain(leaf));
    }

    private UdapClient inCommunity(String host, TestCredential leaf) {
        return new UdapClient(iss(host), host, leaf, pki.chain(leaf));
    }

    private static String iss(String host) {
        return "https://" + host + "/udap";
    }
}
