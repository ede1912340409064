package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Mutated registration documents (RFC 7591 section 2 metadata) for {@link RegistrationFuzzIT}: a valid document on a
 * fixture host, then a few mutations each (a member set to any value, removed, given a hostile URL or key set, a
 * duplicate member, an unknown member), or a truncation, or random bytes. A document left valid registers.
 */
final class FuzzedRegistrations {

    /** Members the service understands, and some it does not (OpenID Connect, UDAP, made up). */
    static final List<String> MEMBERS = List.of("redirect_uris", "client_name", "client_uri", "logo_uri", "tos_uri",
            "policy_uri", "contacts", "grant_types", "response_types", "token_endpoint_auth_method", "scope", "jwks",
            "jwks_uri", "software_id", "software_version", "software_statement", "client_id", "client_secret",
            "registration_access_token", "registration_client_uri", "client_id_issued_at", "client_secret_expires_at",
            "sector_identifier_uri", "request_uris", "post_logout_redirect_uris", "initiate_login_uri",
            "backchannel_logout_uri", "frontchannel_logout_uri", "id_token_signed_response_alg", "application_type",
            "subject_type", "default_max_age", "require_auth_time", "udap", "certifications", "client_name#ja-Jpan-JP",
            "__proto__", "constructor", "", "x-unknown", "tls_client_auth_subject_dn");
    private static final List<String> URL_MEMBERS = List.of("redirect_uris", "client_uri", "logo_uri", "tos_uri",
            "policy_uri", "jwks_uri", "sector_identifier_uri", "request_uris", "post_logout_redirect_uris",
            "initiate_login_uri", "backchannel_logout_uri", "frontchannel_logout_uri");
    private static final List<String> LIST_MEMBERS = List.of("redirect_uris", "request_uris", "post_logout_redirect_uris");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FuzzValues values;
    private final FuzzedKeys keys;

    FuzzedRegistrations(FuzzValues values, FuzzedKeys keys) {
        this.values = values;
        this.keys = keys;
    }

    /**
     * The valid document with one of the accepted ways to authenticate at the token endpoint: on a fixture host, or
     * ({@code hosted} false) on a name that does not resolve, so that probing refuses it quickly.
     */
    ObjectNode valid(boolean hosted) {
        String site = "https://" + (hosted ? values.fixtureHost() : "fuzz" + values.random().nextInt(1000) + ".example.org");
        ObjectNode metadata = NODES.objectNode();
        metadata.put("client_name", "Fuzz app " + values.random().nextInt(1_000_000));
        metadata.putArray("redirect_uris").add(site + "/callback");
        metadata.put("client_uri", site + "/page/home");
        metadata.put("logo_uri", site + "/logo/logo.png");
        metadata.put("tos_uri", site + "/page/terms");
        metadata.put("policy_uri", site + "/page/privacy");
        metadata.putArray("contacts").add("developer@" + RegistrationSites.DOMAIN);
        if (values.chance(20)) {
            metadata.put("token_endpoint_auth_method", values.pick(List.of("client_secret_basic", "client_secret_post")));
        }
        return metadata;
    }

    /** A document for {@code POST /register}, {@code /validate} or {@code /probe}, and what was done to it. */
    FuzzRequest.Body document() {
        int roll = values.random().nextInt(100);
        if (roll < 2) {
            return new FuzzRequest.Body("valid", bytes(valid(true).toString()));
        }
        if (roll < 12) {
            String text = valid(values.chance(10)).toString();
            return new FuzzRequest.Body("truncated", bytes(text.substring(0, values.random().nextInt(text.length()))));
        }
        if (roll < 22) {
            return randomBytes();
        }
        if (roll < 28) {
            return new FuzzRequest.Body("any-json", bytes(values.anyValue(3).toString()));
        }
        if (roll < 33) {
            return duplicateMember();
        }
        // Mostly on names that do not resolve: a mutation that leaves the document valid then costs no registration.
        return mutated(valid(values.chance(8)), 1 + values.random().nextInt(3));
    }

    private FuzzRequest.Body mutated(ObjectNode document, int mutations) {
        StringBuilder kind = new StringBuilder("mutated");
        for (int n = 0; n < mutations; n++) {
            kind.append(' ').append(mutate(document));
        }
        return new FuzzRequest.Body(kind.toString(), bytes(document.toString()));
    }

    /** One mutation of the document; names what it did. */
    private String mutate(ObjectNode document) {
        String member = values.pick(MEMBERS);
        switch (values.random().nextInt(8)) {
            case 0 -> document.remove(member);
            case 1 -> document.set(member, values.anyValue(2));
            case 2 -> {
                member = values.pick(URL_MEMBERS);
                document.set(member, urlValue(member));
            }
            case 3 -> {
                member = "jwks";
                document.set(member, keys.jwks());
                if (values.chance(50)) {
                    document.put("token_endpoint_auth_method", "private_key_jwt");
                }
            }
            case 4 -> {
                member = values.pick(List.of("client_secret_expires_at", "client_id_issued_at", "default_max_age"));
                document.set(member, NODES.rawValueNode(new RawValue(values.pick(FuzzValues.NUMBERS))));
            }
            case 5 -> document.set(member, values.nested(1 + values.random().nextInt(3000)));
            case 6 -> document.put(values.randomText(1 + values.random().nextInt(30)), values.string());
            default -> document.put(member, values.string());
        }
        return member;
    }

    private JsonNode urlValue(String member) {
        if (!LIST_MEMBERS.contains(member) || values.chance(10)) {
            return NODES.textNode(values.url());
        }
        ArrayNode urls = NODES.arrayNode();
        for (int n = values.random().nextInt(values.chance(5) ? 300 : 4); n >= 0; n--) {
            urls.add(values.url());
        }
        return urls;
    }

    /** The same member twice, the second value different: a strict reader refuses it, a lax one keeps one. */
    private FuzzRequest.Body duplicateMember() {
        ObjectNode document = valid(values.chance(20));
        String member = values.pick(List.of("client_name", "redirect_uris", "token_endpoint_auth_method", "jwks_uri"));
        String text = document.toString();
        String duplicate = "\"" + member + "\":" + values.anyValue(1).toString() + ",";
        return new FuzzRequest.Body("duplicate " + member, bytes("{" + duplicate + text.substring(1)));
    }

    private FuzzRequest.Body randomBytes() {
        byte[] bytes = new byte[values.random().nextInt(values.chance(3) ? 70_000 : 300)];
        values.random().nextBytes(bytes);
        if (values.chance(50) && bytes.length > 0) {
            bytes[0] = '{';
        }
        return new FuzzRequest.Body("random-bytes", bytes);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
