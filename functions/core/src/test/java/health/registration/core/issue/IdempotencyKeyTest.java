package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.Parsed;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Idempotency-Keys of at least 128 bits: a UUID in any RFC 9562 textual form, or 22 to 128 base64url characters. */
class IdempotencyKeyTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void judgesTheKey(String reason, String header, String canonical) {
        Parsed<IdempotencyKey> key = IdempotencyKey.parse(header);

        if (canonical == null) {
            assertThat(key.isOk()).as(reason).isFalse();
            assertThat(key.problem()).contains("Idempotency-Key");
            if (!header.isEmpty()) {
                assertThat(key.problem()).doesNotContain(header);
            }
        } else {
            assertThat(key.value().value()).as(reason).isEqualTo(canonical);
        }
    }

    static Stream<Arguments> rows() {
        String uuid = "4f1c2e0a-8b7d-4e59-a3c6-91d0f5b2e7aa";
        return Stream.of(
                row("a random UUID", uuid, uuid),
                row("a UUID in upper case is the same key", uuid.toUpperCase(), uuid),
                row("a UUID as a URN (RFC 9562 section 4)", "urn:uuid:" + uuid, uuid),
                row("a UUID URN in upper case", "URN:UUID:" + uuid.toUpperCase(), uuid),
                row("22 base64url characters (132 bits)", "Zk3_x-9QpL2mN7vB4cR8tY", "Zk3_x-9QpL2mN7vB4cR8tY"),
                row("128 base64url characters", "A1b2-C3d4_".repeat(12) + "E5f6G7h8", "A1b2-C3d4_".repeat(12) + "E5f6G7h8"),
                row("32 hex digits, a UUID without hyphens, as base64url", uuid.replace("-", ""), uuid.replace("-", "")),
                row("a base64url key keeps its case", "zk3_X-9qPl2Mn7Vb4Cr8Ty", "zk3_X-9qPl2Mn7Vb4Cr8Ty"),
                row("16 repeated letters, the key an attacker tries first", "aaaaaaaaaaaaaaaa", null),
                row("22 repeated letters", "a".repeat(22), null),
                row("the nil UUID", "00000000-0000-0000-0000-000000000000", null),
                row("the max UUID", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", null),
                row("21 base64url characters", "Zk3_x-9QpL2mN7vB4cR8t", null),
                row("129 base64url characters", "A".repeat(128) + "b", null),
                row("standard base64 with + and /", "Zk3+x/9QpL2mN7vB4cR8tY", null),
                row("padding", "Zk3_x-9QpL2mN7vB4cR8tY==", null),
                row("a space", "Zk3_x-9QpL2mN7vB 4cR8tY", null),
                row("a UUID with braces", "{" + uuid + "}", null),
                row("a UUID with a trailing character is base64url, kept as sent", uuid.toUpperCase() + "x", uuid.toUpperCase() + "x"),
                row("non-ASCII letters", "é".repeat(30), null),
                row("empty", "", null));
    }

    private static Arguments row(String reason, String header, String canonical) {
        return Arguments.of(reason, header, canonical);
    }

    @Test
    void neverShowsTheKey() {
        assertThat(IdempotencyKey.parse("Zk3_x-9QpL2mN7vB4cR8tY").value().toString()).doesNotContain("Zk3").contains("redacted");
        assertThat(TestPepper.PEPPER.toString()).doesNotContain("test pepper").contains("redacted");
    }
}
