package health.registration.core.udap;

import static health.registration.core.udap.UdapMetadataFixture.BASE_URL;
import static health.registration.core.udap.UdapMetadataInferno.FIXTURE;
import static health.registration.core.udap.UdapMetadataInferno.JSON;
import static health.registration.core.udap.UdapMetadataInferno.certificate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.udap.UdapMetadataInferno.Run;
import java.net.URI;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inferno's x.1.17 ({@code signed_metadata_contents_test.rb}) and x.1.18
 * ({@code signed_metadata_trust_verification_test.rb}) against the signed metadata, on both runs of the discovery
 * group. Inferno runs x.1.17's iss, SAN, sub and time checks only when the unsigned metadata has an
 * authorization_endpoint; here they run on the client_credentials run too, as IG STU2 §2.3 requires them of every
 * server. The check that the signed endpoints equal the unsigned ones is UDAP Server Metadata §3.4, which Inferno
 * leaves out.
 */
class UdapMetadataInfernoSignedMetadataTest {

    static Stream<Run> runs() throws Exception {
        return UdapMetadataInferno.runs();
    }

    private static SignedJWT jwt(Run run) throws Exception {
        return SignedJWT.parse(run.get("signed_metadata").textValue());
    }

    private static JsonNode claims(Run run) throws Exception {
        return JSON.readTree(jwt(run).getPayload().toString());
    }

    private static X509Certificate leaf(Run run) throws Exception {
        return certificate(jwt(run).getHeader().getX509CertChain().get(0).toString());
    }

    @ParameterizedTest(name = "x.1.17 header and signature, {0}")
    @MethodSource("runs")
    void verifiesWithTheKeyOfX5c0AndIsUnexpired(Run run) throws Exception {
        SignedJWT jwt = jwt(run);
        Map<String, Object> header = jwt.getHeader().toJSONObject();

        assertThat(header).containsKeys("x5c", "alg");
        // ruby-jwt verifies with the header's alg, which IG STU2 §2.3 makes RS256; it checks exp and nbf, 0 leeway.
        assertThat(header.get("alg")).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) leaf(run).getPublicKey()))).isTrue();
        assertThat(claims(run).path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(claims(run).has("nbf")).isFalse();
    }

    @ParameterizedTest(name = "x.1.17 payload members, {0}")
    @MethodSource("runs")
    void claimsEveryRequiredMember(Run run) throws Exception {
        JsonNode claims = claims(run);

        assertThat(claims.fieldNames()).toIterable().contains("iss", "sub", "exp", "iat", "jti");
        assertThat(claims.path("token_endpoint").isTextual()).isTrue();
        assertThat(claims.path("registration_endpoint").isTextual()).isTrue();
        // "REQUIRED if the authorization_endpoint parameter is included in the unsigned metadata".
        assertThat(claims.has("authorization_endpoint")).isEqualTo(run.has("authorization_endpoint"));
        if (run.has("authorization_endpoint")) {
            assertThat(claims.path("authorization_endpoint").isTextual()).isTrue();
        }
    }

    @ParameterizedTest(name = "x.1.17 iss and sub, {0}")
    @MethodSource("runs")
    void issIsTheBaseUrlASanUriOfTheLeafAndSub(Run run) throws Exception {
        JsonNode claims = claims(run);

        // Inferno compares with udap_fhir_base_url exactly as typed, without trailing-slash normalisation.
        assertThat(claims.path("iss").textValue()).isEqualTo(BASE_URL);
        assertThat(UdapMetadataInferno.openSslSanText(leaf(run))).contains("URI:" + claims.path("iss").textValue());
        assertThat(claims.path("sub")).isEqualTo(claims.path("iss"));
    }

    @ParameterizedTest(name = "x.1.17 iat and exp, {0}")
    @MethodSource("runs")
    void expiresNoMoreThanAYearAfterIssue(Run run) throws Exception {
        JsonNode claims = claims(run);

        assertThat(claims.path("iat").isNumber()).isTrue();
        assertThat(claims.path("exp").isNumber()).isTrue();
        // Ruby: Time.at(exp) <= Time.at(iat) + 1.year
        assertThat(Instant.ofEpochSecond(claims.path("exp").asLong())).isBeforeOrEqualTo(
                Instant.ofEpochSecond(claims.path("iat").asLong()).atZone(ZoneOffset.UTC).plusYears(1).toInstant());
    }

    @ParameterizedTest(name = "x.1.17 endpoints as unsigned, {0}")
    @MethodSource("runs")
    void signedEndpointsEqualTheUnsignedOnes(Run run) throws Exception {
        JsonNode claims = claims(run);

        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "registration_endpoint")) {
            assertThat(claims.get(endpoint)).as(endpoint).isEqualTo(run.get(endpoint));
        }
    }

    @ParameterizedTest(name = "x.1.18 {0}")
    @MethodSource("runs")
    void chainLeadsToTheCommunityAnchorWithEveryCrl(Run run) throws Exception {
        List<X509Certificate> x5c = new ArrayList<>();
        for (com.nimbusds.jose.util.Base64 entry : jwt(run).getHeader().getX509CertChain()) {
            x5c.add(certificate(entry.toString()));
        }
        X509Certificate anchor = FIXTURE.pki().root().certificate();
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(x5c.get(0));
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
        List<Object> store = new ArrayList<>(x5c);
        store.addAll(crlsOf(x5c, anchor));
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        // ruby-jwt's X5cKeyFinder: V_FLAG_CRL_CHECK | V_FLAG_CRL_CHECK_ALL, validity dates enforced.
        parameters.setRevocationEnabled(true);
        parameters.setDate(new Date());

        PKIXCertPathBuilderResult result =
                (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);

        assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(anchor);
        assertThat(result.getCertPath().getCertificates()).isEqualTo(x5c);
    }

    /** Inferno downloads the CRL of every distribution point of every x5c certificate and anchor; each must exist. */
    private static List<X509CRL> crlsOf(List<X509Certificate> x5c, X509Certificate anchor) {
        Map<URI, X509CRL> published = Map.of(
                URI.create(FIXTURE.pki().crlUrl("root")), FIXTURE.pki().rootCrl(),
                URI.create(FIXTURE.pki().crlUrl("intermediate")), FIXTURE.pki().intermediateCrl());
        List<URI> points = Stream.concat(x5c.stream(), Stream.of(anchor))
                .flatMap(c -> CrlDistributionPoints.of(c).stream()).distinct().toList();
        assertThat(points).isNotEmpty();
        assertThat(published).containsKeys(points.toArray(URI[]::new));
        return points.stream().map(published::get).toList();
    }
}
