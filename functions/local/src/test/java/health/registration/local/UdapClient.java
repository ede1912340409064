package health.registration.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import health.registration.core.udap.SoftwareStatements;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A UDAP client app as the Inferno UDAP Security Test Kit's registration group plays one: its client URI ({@code iss},
 * a SAN URI of its certificate), its certificate and key with the chain it sends in {@code x5c}, and the fixture host
 * its pages live on. It builds the claims of a software statement in Inferno's order, with the vendor policy's
 * client_uri, tos_uri and policy_uri added, signs them with Nimbus JOSE (core's {@link SoftwareStatements}), and wraps
 * them in Inferno's request body.
 */
record UdapClient(String iss, String host, TestCredential credential, List<X509Certificate> x5c) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two grants Inferno registers, each with a client of its own. */
    enum Grant {
        CLIENT_CREDENTIALS("client_credentials", "system/Patient.rs system/Observation.rs"),
        AUTHORIZATION_CODE("authorization_code", "user/Patient.rs openid fhirUser");

        final String grantType;
        final String scope;

        Grant(String grantType, String scope) {
            this.grantType = grantType;
            this.scope = scope;
        }
    }

    /**
     * Valid claims: iss = sub = the client URI, aud = the registration endpoint, exp 300 s after iat, a fresh 64-hex
     * jti, then the registration parameters of the grant, every URL on the client's fixture host.
     */
    ObjectNode claims(Grant grant, String registrationEndpoint, Instant issuedAt) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", iss).put("sub", iss).put("aud", registrationEndpoint);
        claims.put("exp", issuedAt.getEpochSecond() + 300).put("iat", issuedAt.getEpochSecond());
        claims.put("jti", newJti());
        claims.put("client_name", "UDAP IT " + grant.grantType + " client at " + host);
        if (grant == Grant.AUTHORIZATION_CODE) {
            claims.putArray("redirect_uris").add(url("/callback"));
        }
        claims.putArray("contacts").add("mailto:ops@" + UdapSites.DOMAIN);
        claims.put("logo_uri", url("/logo/logo.png"));
        claims.putArray("grant_types").add(grant.grantType);
        if (grant == Grant.AUTHORIZATION_CODE) {
            claims.putArray("response_types").add("code");
        }
        claims.put("token_endpoint_auth_method", "private_key_jwt");
        claims.put("scope", grant.scope);
        claims.put("client_uri", url("/page/home"));
        claims.put("tos_uri", url("/page/terms"));
        claims.put("policy_uri", url("/page/privacy"));
        return claims;
    }

    /** Valid claims issued now. */
    ObjectNode claims(Grant grant, String registrationEndpoint) {
        return claims(grant, registrationEndpoint, Instant.now());
    }

    /** Signed with the certificate's key: RS256, or ES256 for a P-256 key; x5c as given. */
    String sign(ObjectNode claims) {
        return SoftwareStatements.sign(credential, x5c, claims);
    }

    /** Inferno x.2.02: the same header and claims, signed by a fresh RSA 2048 key that is not x5c[0]'s. */
    String signWithRandomKey(ObjectNode claims) {
        return SoftwareStatements.sign(SoftwareStatements.header("RS256", x5c), claims.toString(),
                TestKeys.rsa().getPrivate(), JWSAlgorithm.RS256);
    }

    /** The same client with a renewed certificate: a new key and certificate for the same client URI. */
    UdapClient renewed(TestCredential newCredential, List<X509Certificate> newChain) {
        return new UdapClient(iss, host, newCredential, newChain);
    }

    /** Inferno's request body: {@code {"software_statement": …, "certifications": [], "udap": "1"}}. */
    static String body(String softwareStatement) {
        ObjectNode body = JSON.createObjectNode().put("software_statement", softwareStatement);
        body.putArray("certifications");
        body.put("udap", "1");
        return body.toString();
    }

    static String newJti() {
        byte[] jti = new byte[32];
        ThreadLocalRandom.current().nextBytes(jti);
        return HexFormat.of().formatHex(jti);
    }

    private String url(String path) {
        return "https://" + host + path;
    }
}
