package health.registration.core.udap;

import static health.registration.core.udap.UdapMetadataFixture.BASE_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.port.MutableClock;
import health.registration.core.port.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UdapMetadataTest {

    private static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00.750Z");

    private final MutableClock clock = MutableClock.at(T0);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static SignedJWT signed(String document) throws Exception {
        return SignedJWT.parse(json(document).path(UdapMetadataDocument.SIGNED_METADATA).asText());
    }

    @Test
    void publishesEveryStu2MemberInTheOrderOfTheIgTable() throws Exception {
        JsonNode document = json(FIXTURE.metadata(true, clock).document());

        assertThat(document.fieldNames()).toIterable().containsExactly(
                "udap_versions_supported", "udap_profiles_supported", "udap_authorization_extensions_supported",
                "udap_authorization_extensions_required", "udap_certifications_supported", "grant_types_supported",
                "scopes_supported", "authorization_endpoint", "token_endpoint", "token_endpoint_auth_methods_supported",
                "token_endpoint_auth_signing_alg_values_supported", "registration_endpoint",
                "registration_endpoint_jwt_signing_alg_values_supported", "signed_metadata");
        assertThat(strings(document, "udap_versions_supported")).containsExactly("1");
        assertThat(strings(document, "udap_profiles_supported")).containsExactly("udap_dcr", "udap_authn", "udap_authz");
        assertThat(strings(document, "udap_authorization_extensions_supported")).containsExactly("hl7-b2b");
        assertThat(strings(document, "udap_authorization_extensions_required")).isEmpty();
        assertThat(strings(document, "udap_certifications_supported")).isEmpty();
        assertThat(strings(document, "grant_types_supported"))
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(strings(document, "scopes_supported")).isEqualTo(UdapMetadataFixture.SCOPES);
        assertThat(document.path("authorization_endpoint").asText()).isEqualTo("https://auth.example.org/authorize");
        assertThat(document.path("token_endpoint").asText()).isEqualTo("https://auth.example.org/token");
        assertThat(strings(document, "token_endpoint_auth_methods_supported")).containsExactly("private_key_jwt");
        assertThat(strings(document, "token_endpoint_auth_signing_alg_values_supported"))
                .containsExactly("RS256", "ES256", "RS384", "ES384");
        assertThat(document.path("registration_endpoint").asText()).isEqualTo("https://fhir.example.org/r4/register");
        assertThat(strings(document, "registration_endpoint_jwt_signing_alg_values_supported"))
                .containsExactly("RS256", "ES256", "RS384", "ES384");
    }

    @Test
    void withoutAnAuthorizationEndpointOffersOnlyClientCredentials() throws Exception {
        String document = FIXTURE.metadata(false, clock).document();

        assertThat(strings(json(document), "grant_types_supported")).containsExactly("client_credentials");
        assertThat(json(document).has("authorization_endpoint")).isFalse();
        assertThat(signed(document).getJWTClaimsSet().getClaims()).doesNotContainKey("authorization_endpoint");
    }

    @Test
    void signsWithRs256AndTheWholeChainInX5c() throws Exception {
        SignedJWT jwt = signed(FIXTURE.metadata(true, clock).document());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().getX509CertChain()).map(Object::toString)
                .isEqualTo(FIXTURE.credentials().x5c().stream().map(Object::toString).toList());
    }

    @Test
    void claimsTheBaseUrlTheClockAndTheEndpoints() throws Exception {
        Map<String, Object> claims = signed(FIXTURE.metadata(true, clock).document()).getJWTClaimsSet().toJSONObject();

        assertThat(claims).containsEntry("iss", BASE_URL).containsEntry("sub", BASE_URL)
                .containsEntry("iat", T0.getEpochSecond())
                .containsEntry("exp", T0.getEpochSecond() + Duration.ofHours(24).toSeconds())
                .containsEntry("authorization_endpoint", "https://auth.example.org/authorize")
                .containsEntry("token_endpoint", "https://auth.example.org/token")
                .containsEntry("registration_endpoint", "https://fhir.example.org/r4/register");
        assertThat((String) claims.get("jti")).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void keepsTheSignedDocumentForAnHourThenSignsAfresh() throws Exception {
        UdapMetadata metadata = FIXTURE.metadata(true, clock);
        String first = metadata.document();

        clock.advance(Duration.ofMinutes(59));
        assertThat(metadata.document()).isSameAs(first);

        clock.advance(Duration.ofMinutes(1));
        String second = metadata.document();
        assertThat(second).isNotEqualTo(first);
        assertThat(signed(second).getJWTClaimsSet().getIssueTime().toInstant())
                .isEqualTo(T0.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(signed(second).getJWTClaimsSet().getJWTID()).isNotEqualTo(signed(first).getJWTClaimsSet().getJWTID());
    }

    @Test
    void signsAfreshWhenTheClockGoesBack() throws Exception {
        UdapMetadata metadata = FIXTURE.metadata(true, clock);
        String first = metadata.document();

        clock.set(T0.minus(Duration.ofMinutes(5)));

        assertThat(metadata.document()).isNotEqualTo(first);
    }

    @Test
    void neverUsesAJtiTwice() throws Exception {
        String one = FIXTURE.metadata(true, clock).document();
        String other = FIXTURE.metadata(true, clock).document();

        assertThat(signed(one).getJWTClaimsSet().getJWTID()).isNotEqualTo(signed(other).getJWTClaimsSet().getJWTID());
    }

    @Test
    void signsNothingWhenBuiltSoNoSnapshotHoldsATimestamp() {
        Clock refusing = new Clock() {
            @Override
            public Instant instant() {
                throw new AssertionError("the clock was read while building");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };

        FIXTURE.metadata(true, refusing);
    }

    @Test
    void answersAKnownCommunityWithTheDocumentAndAnUnknownOneWithNoContent() {
        UdapMetadata metadata = FIXTURE.metadata(true, clock);

        assertThat(metadata.answer(Optional.empty())).isEqualTo(new UdapMetadataAnswer.Document(metadata.document()));
        assertThat(metadata.answer(Optional.of(UdapMetadataFixture.COMMUNITY)))
                .isEqualTo(new UdapMetadataAnswer.Document(metadata.document()));
        assertThat(metadata.answer(Optional.of("urn:example:udap:community-beta")))
                .isInstanceOf(UdapMetadataAnswer.UnknownCommunity.class);
        // IG STU2 general §7.1.5: URIs are compared as case-sensitive strings.
        assertThat(metadata.answer(Optional.of(UdapMetadataFixture.COMMUNITY.toUpperCase())))
                .isInstanceOf(UdapMetadataAnswer.UnknownCommunity.class);
    }

    @Test
    void signsForACommunityWithItsOwnCredentialsAndForTheOthersWithTheDefault() throws Exception {
        String beta = "urn:example:udap:community-beta";
        TestPki betaPki = TestPki.create("beta", T0);
        TestCredential betaServer = betaPki.rsaLeaf(BASE_URL);
        String credentials = FIXTURE.credentialsPem() + "community: " + beta + "\n"
                + UdapMetadataFixture.keyPem(betaServer.privateKey()) + TestPki.pem(betaServer.certificate())
                + TestPki.pem(betaPki.intermediate().certificate());
        TrustAnchors anchors = TrustAnchors.parse(FIXTURE.anchorsPem() + betaPki.anchorPem(beta));
        CommunitySigningCredentials signing = CommunitySigningCredentials.parse(credentials, BASE_URL);
        UdapMetadata metadata = new UdapMetadata(UdapMetadataFixture.settings(true), () -> signing, () -> anchors, clock);

        String forBeta = ((UdapMetadataAnswer.Document) metadata.answer(Optional.of(beta))).json();
        String forAlpha = ((UdapMetadataAnswer.Document) metadata.answer(Optional.of(UdapMetadataFixture.COMMUNITY))).json();

        assertThat(signed(forBeta).getHeader().getX509CertChain().get(0).decode())
                .isEqualTo(betaServer.certificate().getEncoded());
        assertThat(forAlpha).isEqualTo(metadata.document());
        assertThat(signed(forAlpha).getHeader().getX509CertChain().get(0).decode())
                .isEqualTo(FIXTURE.server().certificate().getEncoded());
        // One signed document per credentials, each kept for its hour.
        assertThat(((UdapMetadataAnswer.Document) metadata.answer(Optional.of(beta))).json()).isSameAs(forBeta);
    }

    @Test
    void answersUnavailableWhenACommunitysCredentialsDoNotChainToItsAnchor() {
        String beta = "urn:example:udap:community-beta";
        TestPki betaPki = TestPki.create("beta", T0);
        // Community beta's line sits before a key and chain of community alpha.
        String credentials = FIXTURE.credentialsPem() + "community: " + beta + "\n" + FIXTURE.credentialsPem();
        TrustAnchors anchors = TrustAnchors.parse(FIXTURE.anchorsPem() + betaPki.anchorPem(beta));
        UdapMetadata metadata = new UdapMetadata(UdapMetadataFixture.settings(true),
                () -> CommunitySigningCredentials.parse(credentials, BASE_URL), () -> anchors, clock);

        assertThatThrownBy(() -> metadata.answer(Optional.of(beta))).isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining(beta).hasMessageContaining("do not chain");
        assertThat(metadata.answer(Optional.empty())).isInstanceOf(UdapMetadataAnswer.Document.class);
    }

    @Test
    void refusesCredentialsCheckedForAnotherBaseUrl() {
        UdapMetadataSettings elsewhere = new UdapMetadataSettings("https://other.example.org/fhir",
                UdapMetadataFixture.REGISTRATION_ENDPOINT, Optional.empty(), UdapMetadataFixture.TOKEN_ENDPOINT,
                UdapMetadataFixture.SCOPES);

        assertThatIllegalArgumentException().isThrownBy(() -> new UdapMetadata(elsewhere, FIXTURE.credentials(),
                TrustAnchors.parse(FIXTURE.anchorsPem()), clock)).withMessageContaining("other.example.org");
    }

    @Test
    void refusesToPublishWithoutATrustCommunity() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UdapMetadata(UdapMetadataFixture.settings(true),
                FIXTURE.credentials(), TrustAnchors.parse(""), clock)).withMessageContaining("trust community");
    }

    @Test
    void publishesTheRequiredCertificationsOnlyWithSupportedOnes() throws Exception {
        String certification = "https://certifications.example.org/udap-app";
        UdapCapabilities defaults = UdapCapabilities.defaults(true);
        UdapCapabilities certifying = new UdapCapabilities(defaults.profilesSupported(), defaults.extensionsSupported(),
                defaults.extensionsRequired(), List.of(certification), List.of(certification),
                defaults.grantTypesSupported(), defaults.tokenSigningAlgs(), defaults.registrationSigningAlgs());
        UdapMetadata metadata = new UdapMetadata(UdapMetadataFixture.settings(true).withCapabilities(certifying),
                FIXTURE.credentials(), TrustAnchors.parse(FIXTURE.anchorsPem()), clock);

        JsonNode document = json(metadata.document());

        assertThat(strings(document, "udap_certifications_supported")).containsExactly(certification);
        assertThat(strings(document, "udap_certifications_required")).containsExactly(certification);
        assertThat(json(FIXTURE.metadata(true, clock).document()).has("udap_certifications_required"))
                .as("absent without a supported certification").isFalse();
    }

    @Test
    void offersNoUdapWhileTheRefreshedAnchorsHoldNoCommunity() {
        UdapMetadata metadata = new UdapMetadata(UdapMetadataFixture.settings(true),
                () -> CommunitySigningCredentials.of(FIXTURE.credentials()), () -> TrustAnchors.parse(""), clock);

        assertThat(metadata.answer(Optional.empty())).isInstanceOf(UdapMetadataAnswer.NotOffered.class);
        assertThat(metadata.answer(Optional.of(UdapMetadataFixture.COMMUNITY))).isInstanceOf(UdapMetadataAnswer.NotOffered.class);
    }

    @Test
    void refusesToSignWithRefreshedCredentialsCheckedForAnotherBaseUrl() {
        TestCredential elsewhere = FIXTURE.pki().rsaLeaf("https://other.example.org/fhir");
        ServerSigningCredentials other = ServerSigningCredentials.of(elsewhere.privateKey(),
                List.of(elsewhere.certificate(), FIXTURE.pki().intermediate().certificate()), "https://other.example.org/fhir");
        UdapMetadata metadata = new UdapMetadata(UdapMetadataFixture.settings(true),
                () -> CommunitySigningCredentials.of(other), () -> TrustAnchors.parse(FIXTURE.anchorsPem()), clock);

        assertThatIllegalArgumentException().isThrownBy(metadata::document).withMessageContaining("other.example.org")
                .withMessageContaining(BASE_URL);
    }

    private static List<String> strings(JsonNode document, String member) {
        assertThat(document.path(member).isArray()).as(member + " is an array").isTrue();
        return JSON.convertValue(document.path(member), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
