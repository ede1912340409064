package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the Inferno UDAP Security Test Kit (v0.12.2) reads a discovery document ({@code discovery_group.rb}): its two
 * runs of the discovery group and the assertion helpers its tests share, written in Java.
 */
final class UdapMetadataInferno {

    static final ObjectMapper JSON = new ObjectMapper();
    /** {@code signed_metadata_field_test.rb}. */
    static final Pattern JWT_SHAPE = Pattern.compile("^[A-Za-z0-9\\-_=]+\\.[A-Za-z0-9\\-_=]+\\.?[A-Za-z0-9\\-_.+/=]*$");
    /** Ruby's {@code URI::DEFAULT_PARSER.make_regexp(['http','https'])}, matched against the whole string. */
    private static final Pattern HTTP_URI = Pattern.compile("^https?://[^\\s/?#]+[^\\s]*$");
    /** One server PKI for every run; its root is the anchor of {@link UdapMetadataFixture#COMMUNITY}. */
    static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();

    private UdapMetadataInferno() {}

    /** One run of the discovery group: its required flow and the body {@code GET /.well-known/udap} answered. */
    record Run(String requiredFlow, JsonNode config) {
        @Override
        public String toString() {
            return requiredFlow;
        }

        boolean has(String member) {
            return config.has(member);
        }

        JsonNode get(String member) {
            return config.get(member);
        }
    }

    /**
     * 1.1 with {@code required_flow_type=["authorization_code"]} against a server with an authorization endpoint, and
     * 2.1 with {@code ["client_credentials"]} against one without. x.1.01: the body parses as JSON (the handler's
     * tests show the 200).
     */
    static Stream<Run> runs() throws Exception {
        return Stream.of(run("authorization_code", true), run("client_credentials", false));
    }

    private static Run run(String flow, boolean authorizationCode) throws Exception {
        String body = FIXTURE.metadata(authorizationCode, Clock.systemUTC()).document();
        return new Run(flow, JSON.readTree(body));
    }

    /** {@code assert_array_of_strings}: present, an Array, no element that is not a String. */
    static List<String> strings(JsonNode value) {
        assertThat(value).isNotNull();
        assertThat(value.isArray()).isTrue();
        List<String> strings = new ArrayList<>();
        value.forEach(element -> {
            assertThat(element.isTextual()).isTrue();
            strings.add(element.textValue());
        });
        return strings;
    }

    /** Present, a String, and {@code assert_valid_http_uri}. */
    static void assertHttpUri(JsonNode value) {
        assertThat(value).isNotNull();
        assertThat(value.isTextual()).isTrue();
        assertThat(value.textValue()).matches(HTTP_URI);
        assertThat(URI.create(value.textValue()).getHost()).isNotNull();
    }

    /** Ruby's {@code OpenSSL::X509::Certificate.new(Base64.decode64(entry))}. */
    static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    /** The subjectAltName as OpenSSL prints it ({@code URI:https://…, DNS:…}), which Inferno searches for "URI:iss". */
    static String openSslSanText(X509Certificate leaf) throws Exception {
        assertThat(leaf.getSubjectAlternativeNames()).isNotNull();
        return leaf.getSubjectAlternativeNames().stream()
                .map(name -> switch ((Integer) name.get(0)) {
                    case 2 -> "DNS:" + name.get(1);
                    case 6 -> "URI:" + name.get(1);
                    default -> "othername:" + name.get(1);
                })
                .collect(Collectors.joining(", "));
    }
}
