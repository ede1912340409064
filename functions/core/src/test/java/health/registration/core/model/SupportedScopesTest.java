package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDAP IG STU2 general §7.3: what the supported scopes grant of a request, SMART scopes by their parts. */
class SupportedScopesTest {

    private static SupportedScopes supported(String text) {
        return SupportedScopes.parse(text).value();
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # supported                                   | requested                           | granted                | reason
        openid fhirUser                               | openid fhirUser                     | openid fhirUser        | exact tokens
        openid fhirUser                               | fhirUser profile openid             | fhirUser openid        | a subset, in the requested order
        openid                                        | profile email                       | ''                     | nothing supported
        openid                                        | openid openid                       | openid                 | each token once
        launch/patient                                | launch/patient launch               | launch/patient         | non-SMART tokens match exactly
        patient/*.rs                                  | patient/Observation.rs              | patient/Observation.rs | a wildcard covers one type
        patient/*.cruds                               | patient/Observation.rs              | patient/Observation.rs | more permissions cover fewer
        patient/Observation.read                      | patient/Observation.rs              | patient/Observation.rs | v1 read is v2 rs
        patient/Observation.rs                        | patient/Observation.read            | patient/Observation.read | v2 rs is v1 read
        patient/Observation.read                      | patient/Observation.r               | patient/Observation.r  | read covers r alone
        patient/Observation.read                      | patient/Observation.cr              | ''                     | read does not cover create
        patient/*.write                               | patient/Condition.cud               | patient/Condition.cud  | v1 write is v2 cud
        patient/*.*                                   | patient/Condition.cruds             | patient/Condition.cruds | v1 * is v2 cruds
        patient/*.rs                                  | user/Observation.rs                 | ''                     | another context
        patient/Observation.rs                        | patient/Condition.rs                | ''                     | another resource type
        patient/Observation.rs                        | patient/*.rs                        | ''                     | a type does not cover the wildcard
        patient/*.r                                   | patient/*.rs                        | ''                     | a wildcard with fewer permissions
        patient/*.cruds                               | patient/*.rs                        | patient/*.rs           | a wildcard covers a narrower wildcard
        patient/Observation.rs                        | patient/Observation.rs?category=laboratory | patient/Observation.rs?category=laboratory | a query only narrows
        patient/Observation.rs?category=laboratory    | patient/Observation.rs              | ''                     | a supported query covers no broader scope
        patient/Observation.rs?category=laboratory    | patient/Observation.rs?category=laboratory | patient/Observation.rs?category=laboratory | a supported query: exact token
        patient/Observation.rs?category=laboratory    | patient/Observation.rs?category=vital-signs | ''             | a supported query: another query
        patient/*.rs                                  | patient/Observation.sr              | ''                     | v2 letters out of order are no SMART scope
        patient/*.rs                                  | patient/observation.rs              | ''                     | a type name starts with a capital
        system/*.rs openid                            | system/Patient.rs system/Observation.s openid user/Patient.rs | system/Patient.rs system/Observation.s openid | mixed
        """)
    void grantsWhatIsSupported(String supported, String requested, String granted, String reason) {
        assertThat(supported(supported).grant(requested).granted())
                .isEqualTo(granted.isEmpty() ? List.of() : Arrays.asList(granted.split(" ")));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # supported          | requested                          | refused (position:wildcard) | reason
        patient/*.rs         | patient/*.rs user/*.rs             | 1:true                      | an unsupported wildcard
        patient/*.rs         | patient/Observation.rs openid      | 1:false                     | an unsupported plain token
        patient/*.rs         | openid patient/*.cruds             | 0:false 1:true              | positions count from 0
        """)
    void saysWhatIsRefusedAndWhere(String supported, String requested, String refused, String reason) {
        List<String> found = supported(supported).grant(requested).refused().stream()
                .map(r -> r.position() + ":" + r.wildcard()).toList();

        assertThat(found).isEqualTo(Arrays.asList(refused.split(" ")));
    }

    @Test
    void unrestrictedGrantsEverythingAsAsked() {
        assertThat(SupportedScopes.UNRESTRICTED.grant("patient/*.cruds anything").granted())
                .containsExactly("patient/*.cruds", "anything");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ''                     | no scope
        '   '                  | spaces only
        openid bad"scope       | a quotation mark
        openid openid          | a scope twice
        """)
    void refusesAMalformedSetting(String text, String reason) {
        assertThat(SupportedScopes.parse(text).isOk()).isFalse();
    }

    @Test
    void narrowsTheScopeOfMetadataInItsPlace() {
        ObjectNode json = new ObjectMapper().createObjectNode().put("client_name", "App")
                .put("scope", "openid patient/Observation.rs patient/*.rs").put("client_uri", "https://example.com");

        ClientMetadata narrowed = supported("openid patient/Observation.read").narrow(ClientMetadata.of(json));

        assertThat(narrowed.text(MetadataMember.SCOPE)).contains("openid patient/Observation.rs");
        assertThat(narrowed.names()).containsExactly("client_name", "scope", "client_uri");
    }

    @Test
    void describesARefusedTokenByPositionAndItsRebuiltForm() {
        List<ScopeGrant.Refused> refused = supported("openid").grant("openid patient/*.read x-custom").refused();

        assertThat(refused).extracting(ScopeGrant.Refused::describe)
                .containsExactly("scope token 2 (patient/*.rs)", "scope token 3");
    }

    @Test
    void staysLinearForTheLargestRequest() {
        SupportedScopes many = supported(String.join(" ", Collections.nCopies(1, "patient/*.rs"))
                + " " + String.join(" ", java.util.stream.IntStream.range(0, 200).mapToObj(i -> "s" + i).toList()));
        String requested = String.join(" ", java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> "patient/Type" + i + ".rs").toList());

        assertThat(many.grant(requested).granted()).hasSize(100);
    }
}
