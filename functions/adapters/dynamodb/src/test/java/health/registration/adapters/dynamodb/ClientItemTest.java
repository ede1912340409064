package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.ClientRecords.assertSameRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.UrlChecks;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ClientItemTest {

    @Test
    void activeRecordReadsBackEqual() {
        ClientRecord record = ClientRecords.active(ClientRecords.newId());
        assertSameRecord(ClientItem.read(ClientItem.write(record)), record);
    }

    @Test
    void pendingRecordWithoutOptionalPartsReadsBackEqual() {
        ClientRecord record = ClientRecords.pending(ClientRecords.newId());
        assertSameRecord(ClientItem.read(ClientItem.write(record)), record);
    }

    @Test
    void recordWithAPreviousTokenReadsBackEqual() {
        ClientRecord record = ClientRecords.readRecently(ClientRecords.newId());
        assertSameRecord(ClientItem.read(ClientItem.write(record)), record);
    }

    @Test
    void writesThePreviousTokensHashAndExpiryOnlyWhenThereIsOne() {
        ClientRecord record = ClientRecords.readRecently(ClientRecords.newId());
        Map<String, AttributeValue> item = ClientItem.write(record);

        assertThat(item.get("previousTokenHash").s()).isEqualTo(record.credentials().previousToken().hash());
        assertThat(item.get("previousTokenExpiresAt").n())
                .isEqualTo(Long.toString(record.credentials().previousToken().expiresAt().toEpochMilli()));
        assertThat(ClientItem.write(ClientRecords.active(ClientRecords.newId())))
                .doesNotContainKeys("previousTokenHash", "previousTokenExpiresAt");
    }

    /** Items written before reads rotated the token have no previous token. */
    @Test
    void itemWithoutPreviousTokenAttributesReadsWithNone() {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(ClientRecords.readRecently(ClientRecords.newId())));
        item.keySet().removeAll(List.of("previousTokenHash", "previousTokenExpiresAt"));

        assertThat(ClientItem.read(item).credentials().previousToken()).isNull();
    }

    @Test
    void aPreviousTokenWithoutItsExpiryIsNamedWithoutQuotingTheHash() {
        ClientRecord record = ClientRecords.readRecently(ClientRecords.newId());
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(record));
        item.remove("previousTokenExpiresAt");

        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousTokenExpiresAt")
                .message().doesNotContain(record.credentials().previousToken().hash());
    }

    @Test
    void certificateBoundRecordWithoutSecretOrTokenReadsBackEqual() {
        ClientRecord record = ClientRecords.udap(ClientRecords.newId(), "https://community.example.org/",
                "https://app.example.org/fhir#client");
        assertSameRecord(ClientItem.read(ClientItem.write(record)), record);
    }

    @Test
    void writesTheCertificateBindingAndNoTokenHashForACertificateBoundRecord() {
        ClientRecord record = ClientRecords.udap(ClientRecords.newId(), "https://community.example.org/",
                "https://app.example.org/fhir");
        Map<String, AttributeValue> item = ClientItem.write(record);

        assertThat(item.get("udapIssuer").s()).isEqualTo("https://app.example.org/fhir");
        assertThat(item.get("udapCommunity").s()).isEqualTo("https://community.example.org/");
        assertThat(item.get("certificate").s()).isEqualTo(record.credentials().certificate().certificate());
        assertThat(item.get("certificateThumbprint").s()).isEqualTo(record.credentials().certificate().thumbprint());
        assertThat(item).doesNotContainKeys("tokenHash", "secretArn");
    }

    @Test
    void writesNoCertificateAttributesForARecordWithAToken() {
        Map<String, AttributeValue> item = ClientItem.write(ClientRecords.active(ClientRecords.newId()));
        assertThat(item).containsKey("tokenHash")
                .doesNotContainKeys("udapIssuer", "udapCommunity", "certificate", "certificateThumbprint");
    }

    @Test
    void aBindingMissingAPartNamesThePart() {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(
                ClientRecords.udap(ClientRecords.newId(), "https://community.example.org/", "https://app.example.org/")));
        item.remove("certificateThumbprint");
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificateThumbprint");
    }

    @Test
    void anItemWithBothATokenHashAndABindingIsRefused() {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(
                ClientRecords.udap(ClientRecords.newId(), "https://community.example.org/", "https://app.example.org/")));
        item.put("tokenHash", AttributeValue.fromS("private-hash"));
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("private-hash");
    }

    @Test
    void writesTheDocumentedAttributes() {
        ClientRecord record = ClientRecords.active(ClientRecords.newId());
        Map<String, AttributeValue> item = ClientItem.write(record);

        assertThat(item.get("pk").s()).isEqualTo("CLIENT#" + record.clientId().value());
        assertThat(item.get("clientId").s()).isEqualTo(record.clientId().value());
        assertThat(item.get("status").s()).isEqualTo("active");
        assertThat(item.get("metadata").s()).contains("\"client_name\":\"Example Health App\"");
        assertThat(item.get("secretArn").s()).isEqualTo(record.credentials().secretArn());
        assertThat(item.get("tokenHash").s()).isEqualTo(record.credentials().registrationTokenHash());
        assertThat(item.get("issuedAt").n()).isEqualTo(Long.toString(record.credentials().issuedAt().toEpochMilli()));
        assertThat(item.get("createdAt").n()).isEqualTo(Long.toString(record.createdAt().toEpochMilli()));
        assertThat(item.get("updatedAt").n()).isEqualTo(Long.toString(record.updatedAt().toEpochMilli()));
        assertThat(item.get("secretExpiresAt").n()).isEqualTo("1767225600");
        assertThat(item.get("version").n()).isEqualTo("2");
        assertThat(item.get("nextCheckAt").n()).isEqualTo(Long.toString(record.checks().nextCheckAt().toEpochMilli()));
        assertThat(item.get("lastCheckedAt").n()).isEqualTo(Long.toString(record.checks().lastCheckedAt().toEpochMilli()));
        assertThat(item.get("lastReport").s()).contains("\"results\"");
        assertThat(item).doesNotContainKey("expiresAt"); // client records never expire
    }

    @Test
    void leavesOutAbsentOptionalAttributes() {
        Map<String, AttributeValue> item = ClientItem.write(ClientRecords.pending(ClientRecords.newId()));
        assertThat(item).doesNotContainKeys("secretArn", "lastCheckedAt", "lastReport");
        assertThat(item.get("secretExpiresAt").n()).isEqualTo("0");
    }

    @ParameterizedTest
    @EnumSource(value = ClientStatus.class, names = {"WARNING", "SUSPENDED"})
    void failingRecordWithEveryCheckMemberSetReadsBackEqual(ClientStatus status) {
        ClientRecord record = ClientRecords.failing(ClientRecords.newId(), status);
        UrlChecks checks = record.checks();
        assertThat(checks.consecutiveFailures()).isPositive();
        assertThat(List.of(checks.problems(), checks.history(), checks.pendingEvents())).allSatisfy(l -> assertThat(l).isNotEmpty());
        assertThat(checks.firstFailedAt()).isNotNull();
        assertThat(checks.lastRunId()).isNotNull();

        assertSameRecord(ClientItem.read(ClientItem.write(record)), record);
    }

    @Test
    void writesTheChecksAttributes() {
        ClientRecord record = ClientRecords.failing(ClientRecords.newId(), ClientStatus.WARNING);
        Map<String, AttributeValue> item = ClientItem.write(record);

        assertThat(item.get("status").s()).isEqualTo("warning");
        assertThat(item.get("consecutiveFailures").n()).isEqualTo("3");
        assertThat(item.get("firstFailedAt").n()).isEqualTo(Long.toString(record.checks().firstFailedAt().toEpochMilli()));
        assertThat(item.get("lastRunId").s()).isEqualTo("run-20250331T0300Z");
        assertThat(item.get("problems").s()).startsWith("[{\"member\":\"/logo_uri\"").contains("\"kind\":\"hard\"");
        assertThat(item.get("history").s()).startsWith("[{\"at\":").contains("\"reason\":\"url_check_failed\"");
        assertThat(item.get("pendingEvents").s()).startsWith("[{\"detail_type\":\"ClientUrlCheckFailed\",\"detail\":{");
    }

    @Test
    void leavesOutChecksThatHoldNothing() {
        Map<String, AttributeValue> item = ClientItem.write(ClientRecords.active(ClientRecords.newId()));
        assertThat(item).doesNotContainKeys("consecutiveFailures", "firstFailedAt", "lastRunId", "problems", "history",
                "pendingEvents");
    }

    /** Items written before re-verification existed: no failure count, run, problems, history or events. */
    @Test
    void itemOfTheOldShapeReadsWithTheDefaults() {
        ClientRecord failing = ClientRecords.failing(ClientRecords.newId(), ClientStatus.SUSPENDED);
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(failing));
        item.keySet().removeAll(List.of("consecutiveFailures", "firstFailedAt", "lastRunId", "problems", "history",
                "pendingEvents"));
        item.put("status", AttributeValue.fromS("active"));

        UrlChecks checks = ClientItem.read(item).checks();

        assertThat(checks).isEqualTo(new UrlChecks(failing.checks().lastCheckedAt(), failing.checks().lastReport(),
                failing.checks().nextCheckAt()));
        assertThat(checks.consecutiveFailures()).isZero();
        assertThat(checks.firstFailedAt()).isNull();
        assertThat(checks.lastRunId()).isNull();
        assertThat(checks.problems()).isEmpty();
        assertThat(checks.history()).isEmpty();
        assertThat(checks.pendingEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"problems", "history", "pendingEvents"})
    void malformedChecksAttributeIsNamedWithoutQuotingIt(String attribute) {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(
                ClientRecords.failing(ClientRecords.newId(), ClientStatus.WARNING)));
        item.put(attribute, AttributeValue.fromS("[{\"private-person@example.org\": 1}]"));
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(attribute).message().doesNotContain("private-person");

        item.put(attribute, AttributeValue.fromS("not json private-person"));
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(attribute).message().doesNotContain("private-person");
    }

    @Test
    void aNegativeFailureCountIsRefused() {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(
                ClientRecords.failing(ClientRecords.newId(), ClientStatus.WARNING)));
        item.put("consecutiveFailures", AttributeValue.fromN("-1"));
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutiveFailures");
    }

    @Test
    void keepsInstantsToTheMillisecond() {
        ClientRecord record = ClientRecords.pending(ClientRecords.newId());
        Instant fine = Instant.parse("2025-03-01T10:15:30.123456789Z");
        ClientRecord finer = new ClientRecord(record.clientId(), record.status(), record.metadata(), record.credentials(),
                record.checks(), fine, fine, 1);
        assertThat(ClientItem.read(ClientItem.write(finer)).createdAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
    }

    @Test
    void tellsClientRecordsFromOtherItems() {
        assertThat(ClientItem.isClient(ClientItem.write(ClientRecords.pending(ClientRecords.newId())))).isTrue();
        assertThat(ClientItem.isClient(Map.of("pk", AttributeValue.fromS("IDEMPOTENCY#abc")))).isFalse();
        assertThat(ClientItem.isClient(Map.of("pk", AttributeValue.fromS("CLIENT#abc")))).isFalse();
    }

    @Test
    void malformedItemNamesTheAttributeNotItsValue() {
        Map<String, AttributeValue> item = new HashMap<>(ClientItem.write(ClientRecords.active(ClientRecords.newId())));
        item.put("metadata", AttributeValue.fromS("[\"not an object\", \"private-text\"]"));
        assertThatThrownBy(() -> ClientItem.read(item)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata").message().doesNotContain("private-text");

        Map<String, AttributeValue> withoutHash = new HashMap<>(ClientItem.write(ClientRecords.active(ClientRecords.newId())));
        withoutHash.remove("tokenHash");
        assertThatThrownBy(() -> ClientItem.read(withoutHash)).hasMessageContaining("tokenHash");
    }
}
