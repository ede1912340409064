package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UdapMappingItemTest {

    private static final String COMMUNITY = "https://community.example.org/";
    private static final String ISSUER = "https://app.example.org/fhir";

    @Test
    void keyIsTheCommunityThenTheIssuersDigest() {
        assertThat(UdapMappingItem.key(COMMUNITY, ISSUER).get("pk").s())
                .isEqualTo("UDAP#" + COMMUNITY + "#" + KeyDigest.of(ISSUER));
    }

    @Test
    void holdsOnlyItsKeyAndTheClientIdSoItStaysOutOfTheStatusIndex() {
        ClientId id = ClientRecords.newId();
        Map<String, AttributeValue> item = UdapMappingItem.write(ClientRecords.binding(COMMUNITY, ISSUER), id);

        assertThat(item).containsOnlyKeys("pk", "clientId");
        assertThat(item.get("pk")).isEqualTo(UdapMappingItem.key(COMMUNITY, ISSUER).get("pk"));
        assertThat(UdapMappingItem.clientId(item)).isEqualTo(id);
    }

    @Test
    void aHashInTheCommunityCannotMakeTwoPairsShareAKey() {
        // Were the issuer stored as text, ("c#x", "i") and ("c", "x#i") would both be UDAP#c#x#i.
        assertThat(UdapMappingItem.key("https://c.example/#x", "i"))
                .isNotEqualTo(UdapMappingItem.key("https://c.example/", "x#i"));
    }

    @Test
    void aMappingWithoutAClientIdNamesTheAttribute() {
        assertThatThrownBy(() -> UdapMappingItem.clientId(UdapMappingItem.key(COMMUNITY, ISSUER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }
}
