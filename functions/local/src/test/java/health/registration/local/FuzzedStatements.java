package health.registration.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.nimbusds.jose.JWSAlgorithm;
import health.registration.core.udap.SoftwareStatements;
import java.util.Base64;
import java.util.List;

/**
 * Mutated UDAP registrations (UDAP DCR section 4) for {@link RegistrationFuzzIT}: software statements of the trusted
 * community's clients with mutated claims (signed properly), mutated headers, {@code x5c} and signatures, unsigned
 * and MAC-signed ones, malformed compact serializations, and request bodies of every shape around them.
 */
final class FuzzedStatements {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "client_name",
            "redirect_uris", "contacts", "logo_uri", "grant_types", "response_types", "token_endpoint_auth_method",
            "scope", "client_uri", "tos_uri", "policy_uri", "jwks", "jwks_uri", "software_statement", "x-unknown");
    private static final List<String> TIME_CLAIMS = List.of("exp", "iat", "nbf");

    private final FuzzValues values;
    private final FuzzedKeys keys;
    private final List<UdapClient> clients;
    private final UdapClient untrusted;
    private final String registrationEndpoint;

    FuzzedStatements(FuzzValues values, FuzzedKeys keys, List<UdapClient> clients, UdapClient untrusted,
                     String registrationEndpoint) {
        this.values = values;
        this.keys = keys;
        this.clients = clients;
        this.untrusted = untrusted;
        this.registrationEndpoint = registrationEndpoint;
    }

    /** A body for {@code POST /register} on the UDAP path, and what was done to it. */
    FuzzRequest.Body body() {
        UdapClient client = values.pick(clients);
        ObjectNode claims = client.claims(values.pick(List.of(UdapClient.Grant.values())), registrationEndpoint);
        int roll = values.random().nextInt(100);
        if (roll < 4) {
            return body("udap valid", client.sign(claims));
        }
        if (roll < 35) {
            String claim = mutateClaim(claims);
            return body("udap claim " + claim, client.sign(claims));
        }
        if (roll < 62) {
            ObjectNode header = SoftwareStatements.header(JWSAlgorithm.RS256.getName(), client.x5c());
            String what = mutateHeader(header);
            UdapClient signer = values.chance(80) ? client : untrusted;
            return body("udap header " + what, SoftwareStatements.sign(header, claims.toString(),
                    signer.credential().privateKey(), SoftwareStatements.algorithmFor(signer.credential().privateKey())));
        }
        if (roll < 70) {
            ObjectNode header = SoftwareStatements.header(values.pick(List.of("none", "HS256", "RS256")), client.x5c());
            return values.random().nextBoolean() ? body("udap unsigned", SoftwareStatements.unsigned(header, claims.toString()))
                    : body("udap mac", SoftwareStatements.macSigned(header, claims.toString(), new byte[32]));
        }
        if (roll < 85) {
            return malformed(client.sign(claims));
        }
        return wrapped(client.sign(claims));
    }

    /** One claim set to a hostile value or removed, the rest valid; names the claim. */
    private String mutateClaim(ObjectNode claims) {
        String claim = values.chance(40) ? values.pick(TIME_CLAIMS) : values.pick(CLAIMS);
        switch (values.random().nextInt(6)) {
            case 0 -> {
                claims.remove(claim);
                return claim + " removed";
            }
            case 5 -> {
                int depth = 1 + values.random().nextInt(3000);
                claims.set(claim, values.nested(depth));
                return claim + " nested " + (depth > 1000 ? "over 1000" : depth <= 16 ? "up to 16" : "17 to 1000") + " deep";
            }
            case 1 -> {
                String number = values.pick(FuzzValues.NUMBERS);
                claims.set(claim, NODES.rawValueNode(new RawValue(number)));
                return claim + "=" + (number.length() > 24 ? number.length() + " digits" : number);
            }
            case 2 -> claims.set(claim, values.anyValue(2));
            case 3 -> claims.set(claim, claim.equals("jwks") ? keys.jwks() : NODES.textNode(values.url()));
            default -> claims.put(claim, values.string());
        }
        return claim + " " + claims.path(claim).getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The header's alg, x5c or another parameter mutated; names what. */
    private String mutateHeader(ObjectNode header) {
        switch (values.random().nextInt(6)) {
            case 0 -> {
                header.set("alg", values.chance(50) ? NODES.textNode(values.pick(List.of("none", "HS256", "RS512",
                        "PS256", "ES256", "ES512", "EdDSA", "", "rs256"))) : values.anyValue(1));
                return "alg";
            }
            case 1 -> {
                header.set("x5c", x5c(header.path("x5c").deepCopy()));
                return "x5c";
            }
            case 2 -> {
                header.remove("x5c");
                return "no x5c";
            }
            case 3 -> {
                header.set(values.pick(List.of("crit", "jku", "jwk", "kid", "x5u", "typ", "cty", "b64", "zip")),
                        values.anyValue(1));
                return "param";
            }
            case 4 -> {
                header.set("x5c", untrusted.x5c().isEmpty() ? NODES.arrayNode() : SoftwareStatements.header("RS256",
                        untrusted.x5c()).path("x5c"));
                return "untrusted x5c";
            }
            default -> {
                return "signed by another key";
            }
        }
    }

    private com.fasterxml.jackson.databind.JsonNode x5c(ArrayNode chain) {
        return switch (values.random().nextInt(6)) {
            case 0 -> NODES.arrayNode().add("!!!not base64!!!");
            case 1 -> {
                byte[] der = new byte[values.random().nextInt(3000)];
                values.random().nextBytes(der);
                yield NODES.arrayNode().add(Base64.getEncoder().encodeToString(der));
            }
            case 2 -> {
                ArrayNode many = NODES.arrayNode();
                for (int n = 0; n < 20 + values.random().nextInt(200); n++) {
                    many.add(chain.get(0));
                }
                yield many;
            }
            case 3 -> NODES.arrayNode();
            case 4 -> {
                ArrayNode reversed = NODES.arrayNode();
                chain.forEach(certificate -> reversed.insert(0, certificate));
                yield reversed;
            }
            default -> values.anyValue(1);
        };
    }

    /** The compact serialization broken: cut, extra or missing parts, junk base64, a raw payload. */
    private FuzzRequest.Body malformed(String statement) {
        String[] parts = statement.split("\\.", -1);
        String junk = values.randomText(values.random().nextInt(40));
        String broken = switch (values.random().nextInt(7)) {
            case 0 -> statement.substring(0, values.random().nextInt(statement.length()));
            case 1 -> statement + "." + parts[2];
            case 2 -> parts[0] + "." + parts[1];
            case 3 -> parts[0] + "." + junk + "." + parts[2];
            case 4 -> SoftwareStatements.assemble("{\"alg\":\"RS256\"}", "{\"exp\":" + values.pick(FuzzValues.NUMBERS)
                    + ",\"iss\":\"https://" + values.fixtureHost() + "/udap\"}", parts[2]);
            case 5 -> parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() / 2) + "==";
            default -> junk;
        };
        return body("udap malformed", broken);
    }

    /** The statement inside a body of another shape: wrong types for udap or the statement, extra members. */
    private FuzzRequest.Body wrapped(String statement) {
        ObjectNode body = NODES.objectNode();
        body.set("software_statement", values.chance(50) ? NODES.textNode(statement) : values.anyValue(2));
        body.set("udap", values.chance(50) ? NODES.textNode("1") : values.anyValue(1));
        if (values.chance(50)) {
            body.set("certifications", values.anyValue(2));
        }
        if (values.chance(30)) {
            body.set(values.pick(FuzzedRegistrations.MEMBERS), values.anyValue(2));
        }
        return new FuzzRequest.Body("udap body", FuzzedRegistrations.bytes(body.toString()));
    }

    private static FuzzRequest.Body body(String kind, String statement) {
        return new FuzzRequest.Body(kind, FuzzedRegistrations.bytes(UdapClient.body(statement)));
    }
}
