package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.policy.rules.ValidUdapMetadata;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client URI a certificate names (IG STU2 registration §3.1, iss): an https URL on the host of client_uri, and,
 * when the request asks for names, exactly it. The fixture's client_uri is https://app.example.com.
 */
class UdapClientUriTest {

    private static final String CLIENT = "https://app.example.com/udap/client";

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # san_uri                                      | field    | problem                                                  | reason
        https://app.example.com/udap/client            |          |                                                          | a path under the client_uri host
        https://app.example.com                        |          |                                                          | the client_uri itself
        https://APP.example.com./udap                  |          |                                                          | host case and a trailing dot aside
        https://app.example.com/udap?app=2             |          |                                                          | a query is part of an identifier
        https://app.example.com:8443/udap              |          |                                                          | a port is part of an identifier (it is never fetched)
        null                                           | /san_uri | san_uri is required                                      | absent
        ''                                             | /san_uri | san_uri is required                                      | empty
        http://app.example.com/udap                    | /san_uri | san_uri must use the https scheme                        | http
        HTTPS://app.example.com/udap                   | /san_uri | san_uri must use the https scheme, written in lower case | iss is compared as written
        urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66  | /san_uri | san_uri is not an http or https URL                      | UDAP allows other schemes; this CA issues https only
        https://dev@app.example.com/udap               | /san_uri | san_uri must not contain user information                | user-info
        https://app.example.com/udap#a                 | /san_uri | san_uri must not contain a fragment                      | a fragment
        https://app.example.com:/udap                  | /san_uri | san_uri must not end its host with a bare ':'            | an empty port
        https://203.0.113.7/udap                       | /san_uri | san_uri must name a public DNS host                      | an address
        https://app.example.local/udap                 | /san_uri | san_uri must name a public DNS host                      | a local name
        https://app.example.com/ udap                  | /san_uri | san_uri contains a space                                 | not a URL as written
        https://other.example.com/udap                 | /san_uri | san_uri must be on the host of the metadata's client_uri | another host of the same registrable domain
        https://app.example.com.evil.org/udap          | /san_uri | san_uri must be on the host of the metadata's client_uri | a look-alike host
        https://example.com/udap                       | /san_uri | san_uri must be on the host of the metadata's client_uri | the parent domain
        """)
    void acceptsAnHttpsUriOnTheClientUriHostOnly(String sanUri, String field, String problem, String reason) {
        List<Violation> found = UdapClientUri.problems(sanUri, ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC), null);

        assertProblem(found, field, problem, reason);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # requested names (space-separated; dns: for a DNS name)             | problem                                                            | reason
        ''                                                                   |                                                                    | no SAN asked for
        https://app.example.com/udap/client                                  |                                                                    | exactly san_uri
        https://app.example.com/udap/other                                   | csr asks for Subject Alternative Names other than exactly san_uri | another client URI
        https://app.example.com/UDAP/client                                  | csr asks for Subject Alternative Names other than exactly san_uri | another case is another iss
        https://app.example.com/udap/client https://app.example.com/udap/two | csr asks for Subject Alternative Names other than exactly san_uri | two URIs
        https://app.example.com/udap/client https://app.example.com/udap/client | csr asks for Subject Alternative Names other than exactly san_uri | the URI twice
        https://app.example.com/udap/client dns:app.example.com              | csr asks for Subject Alternative Names other than exactly san_uri | a DNS name besides
        """)
    void allowsARequestToAskForNoNameOrExactlySanUri(String names, String problem, String reason) {
        List<GeneralName> requested = names.isEmpty() ? List.of() : List.of(names.split(" ")).stream()
                .map(n -> n.startsWith("dns:") ? new GeneralName(GeneralName.dNSName, n.substring(4))
                        : new GeneralName(GeneralName.uniformResourceIdentifier, n))
                .toList();
        CertificateSigningRequest csr = ((CertificateSigningRequest.Readable) CertificateSigningRequest.read(TestCsrs.pem(
                TestCsrs.request(TestCsrs.rsa2048(), TestCsrs.rsa2048().getPrivate(), "SHA256withRSA", requested))))
                .request();

        List<Violation> found = UdapClientUri.problems(CLIENT, ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC), csr);

        assertProblem(found, problem == null ? null : "/csr", problem, reason);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # client_uri (JSON)          | reason
        null                         | absent: the policy reports it
        42                           | not a string: the policy reports it
        "not a url"                  | not a URL: the policy reports it
        """)
    void leavesAnUnusableClientUriToThePolicy(String clientUri, String reason) {
        ClientMetadata metadata = ClientMetadata.of(ValidMetadata.set(
                ValidUdapMetadata.json(ValidUdapMetadata.Grant.CC), "client_uri", clientUri));

        assertThat(UdapClientUri.problems(CLIENT, metadata, null)).as(reason).isEmpty();
        assertThat(UdapClientUri.problems(CLIENT, null, null)).as("no metadata at all").isEmpty();
    }

    private static void assertProblem(List<Violation> found, String field, String problem, String reason) {
        if (problem == null) {
            assertThat(found).as(reason).isEmpty();
            return;
        }
        assertThat(found).as(reason).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.code()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
            assertThat(v.description()).contains(problem);
        });
    }
}
