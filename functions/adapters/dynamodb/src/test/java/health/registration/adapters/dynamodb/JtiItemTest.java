package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class JtiItemTest {

    @Test
    void keyIsTheDigestsOfIssuerAndJtiSoNeitherIsStored() {
        Map<String, AttributeValue> item = JtiItem.write("https://app.example.org/", "jti-1", Instant.parse("2025-03-01T10:20:00Z"));

        assertThat(item.get("pk").s())
                .isEqualTo("JTI#" + KeyDigest.of("https://app.example.org/") + "#" + KeyDigest.of("jti-1"));
        assertThat(item).containsOnlyKeys("pk", "expiresAt"); // no status or nextCheckAt: never in the status index
        assertThat(item.toString()).doesNotContain("app.example.org", "jti-1");
    }

    @Test
    void pairsThatJoinToTheSameTextHaveDifferentKeys() {
        assertThat(JtiItem.key("https://a.example/#", "b")).isNotEqualTo(JtiItem.key("https://a.example/", "#b"));
    }

    @Test
    void expiryIsTheTimeToLiveInEpochSecondsRoundedUp() {
        assertThat(JtiItem.write("i", "j", Instant.parse("2025-03-01T10:20:00Z")).get("expiresAt").n())
                .isEqualTo(Long.toString(Instant.parse("2025-03-01T10:20:00Z").getEpochSecond()));
        assertThat(JtiItem.write("i", "j", Instant.parse("2025-03-01T10:20:00.001Z")).get("expiresAt").n())
                .isEqualTo(Long.toString(Instant.parse("2025-03-01T10:20:01Z").getEpochSecond()));
    }
}
