package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyResult;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy section 9 on every path: the open, UDAP and manual policies list the same rules for the members beyond
 * section 2, and each refuses the same hostile members with the same JSON pointers, in the order of the member table.
 */
class PoliciesMembersTest {

    /** The rules of section 9, and the URL rules every URL member of the table goes through. */
    private static final Set<Class<? extends Rule>> MEMBER_RULES = Set.of(
            MembersHaveExpectedTypes.class, ArraysWithinLimits.class, ArrayEntriesAreUnique.class,
            MembersHaveEnumeratedValues.class, NumbersAreWithinBounds.class, TextIsWithinLength.class, ScopeIsScopeTokens.class,
            JwksIsBoundedKeySet.class, JwksHoldsOnlyPublicKeys.class, JwksKeysAreStrongSigningKeys.class,
            JwksKeyIdsAreDistinct.class, JwksAndJwksUriAreExclusive.class,
            UrlIsWellFormed.class, UrlUsesWebScheme.class, UrlHostIsNotIpLiteral.class, UrlHostIsPublicDomainName.class,
            UrlHasNoUserInfo.class, UrlHasNoFragment.class, UrlUsesDefaultPort.class, UrlIsCanonical.class, UrlsAreHosted.class);

    /** The members an attacker sends, and where each is refused. */
    private static final List<String> ATTACKED = List.of("jwks_uri", "jwks", "sector_identifier_uri", "request_uris",
            "post_logout_redirect_uris", "default_max_age", "software_id", "scope");

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("open", Policies.openDynamicRegistration(), ValidMetadata.json()),
                Arguments.of("udap", Policies.udapRegistration(), ValidUdapMetadata.json(ValidUdapMetadata.Grant.AC)),
                Arguments.of("manual", Policies.manualRegistration(),
                        ValidManualMetadata.json(ValidManualMetadata.Relaxation.CLIENT_CREDENTIALS_WITH_JWKS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void listsTheSameMemberRules(String path, Policy policy, ObjectNode valid) {
        assertThat(policy.rules().stream().map(Rule::getClass).distinct()).as(path).containsAll(MEMBER_RULES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void acceptsEveryUnderstoodMemberWhenWellFormed(String path, Policy policy, ObjectNode valid) {
        ObjectNode json = valid.deepCopy();
        json.remove(List.of("jwks", "jwks_uri"));
        json.put("token_endpoint_auth_method", path.equals("open") ? "client_secret_basic" : "private_key_jwt");
        ValidMetadata.set(json, "jwks", TestJwks.set("P256_KID_A", "P384_KID_B"));
        json.put("application_type", "web");
        json.put("subject_type", "public");
        json.put("id_token_signed_response_alg", "RS256");
        json.put("token_endpoint_auth_signing_alg", "ES256");
        json.put("default_max_age", 3600);
        json.put("require_auth_time", true);
        json.put("software_id", "4NRB1-0XZABZI9E6-5SM3R");
        json.put("software_version", "2.1");
        json.put("initiate_login_uri", "https://app.example.com/login");
        json.putArray("post_logout_redirect_uris").add("https://app.example.com/bye");
        json.put("frontchannel_logout_uri", "https://app.example.com/logout");
        json.put("frontchannel_logout_session_required", false);
        json.put("scope", "openid fhirUser system/Patient.rs");

        PolicyResult result = policy.evaluate(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(result.errors()).as(path).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void refusesHostileMembersWithTheirPointersInTableOrder(String path, Policy policy, ObjectNode valid) {
        ObjectNode json = valid.deepCopy();
        // Written in reverse order, so the order of the result cannot come from the input's.
        json.put("scope", "openid  \"x\"");
        json.put("software_id", "x".repeat(201));
        json.put("default_max_age", -1);
        json.putArray("post_logout_redirect_uris").add("javascript:alert(1)");
        json.putArray("request_uris").add("https://10.0.0.7/request.jwt");
        json.put("sector_identifier_uri", "file:///etc/passwd");
        ValidMetadata.set(json, "jwks", TestJwks.expand("{\"keys\": [$OCT, $P256, $RSA2048_PRIVATE]}"));
        json.put("jwks_uri", "https://169.254.169.254/keys");

        PolicyResult result = policy.evaluate(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        assertThat(result.errors().stream().filter(v -> ATTACKED.contains(FieldPointer.memberOf(v.field()))))
                .as(path).extracting(Violation::field).containsExactly(
                        "/scope",
                        "/jwks_uri",
                        "/jwks/keys/0/kty", "/jwks/keys/2/d", "/jwks",
                        "/software_id",
                        "/sector_identifier_uri",
                        "/default_max_age",
                        "/request_uris/0",
                        "/post_logout_redirect_uris/0");
    }
}
