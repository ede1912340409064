package health.registration.core.policy.rules;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 8: at most 20 redirect_uris and 10 contacts (and 10 grant or response types). */
class ArraysWithinLimitsTest {

    private static final Rule RULE = new ArraysWithinLimits();
    private static final RegistrationErrorCode REDIRECT = RegistrationErrorCode.INVALID_REDIRECT_URI;
    private static final RegistrationErrorCode METADATA = RegistrationErrorCode.INVALID_CLIENT_METADATA;

    @ParameterizedTest(name = "[{index}] {6}")
    @MethodSource("rows")
    void refusesArraysWithTooManyEntriesAsMalformed(String member, String value, String field, RegistrationErrorCode code,
                                                    Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    static Stream<Arguments> rows() {
        String uri = "https://app.example.com/cb%d";
        String contact = "dev%d@example.com";
        String type = "type%d";
        return Stream.of(
                ok("redirect_uris", ValidMetadata.arrayOf(20, uri), "20 redirect_uris are the most allowed"),
                arguments("redirect_uris", ValidMetadata.arrayOf(21, uri), "/redirect_uris", REDIRECT, Severity.MALFORMED,
                        "redirect_uris has 21 entries; at most 20 are allowed", "21 redirect_uris are too many"),
                ok("contacts", ValidMetadata.arrayOf(10, contact), "10 contacts are the most allowed"),
                arguments("contacts", ValidMetadata.arrayOf(11, contact), "/contacts", METADATA, Severity.MALFORMED,
                        "contacts has 11 entries; at most 10 are allowed", "11 contacts are too many"),
                ok("grant_types", ValidMetadata.arrayOf(10, type), "10 grant types are the most allowed"),
                arguments("grant_types", ValidMetadata.arrayOf(11, type), "/grant_types", METADATA, Severity.MALFORMED,
                        "at most 10", "11 grant types are too many"),
                arguments("response_types", ValidMetadata.arrayOf(11, type), "/response_types", METADATA,
                        Severity.MALFORMED, "at most 10", "11 response types are too many"),
                arguments("redirect_uris", "[" + "1, ".repeat(20) + "1]", "/redirect_uris", REDIRECT, Severity.MALFORMED,
                        "has 21 entries", "entries are counted whatever their type"),
                ok("request_uris", ValidMetadata.arrayOf(10, uri), "10 request_uris are the most allowed"),
                arguments("request_uris", ValidMetadata.arrayOf(11, uri), "/request_uris", METADATA, Severity.MALFORMED,
                        "request_uris has 11 entries; at most 10 are allowed", "11 request_uris are too many"),
                ok("post_logout_redirect_uris", ValidMetadata.arrayOf(20, uri), "20 post_logout_redirect_uris are the most allowed"),
                arguments("post_logout_redirect_uris", ValidMetadata.arrayOf(21, uri), "/post_logout_redirect_uris", METADATA,
                        Severity.MALFORMED, "at most 20", "21 post_logout_redirect_uris are too many"),
                arguments("certifications", ValidMetadata.arrayOf(11, type), "/certifications", METADATA, Severity.MALFORMED,
                        "at most 10", "11 UDAP certifications are too many"),
                ok("x_vendor_list", ValidMetadata.arrayOf(100, type), "unknown members are dropped before any rule"),
                ok("redirect_uris", "\"" + "x".repeat(100) + "\"", "a string is not an array (another rule refuses it)"));
    }

    private static Arguments ok(String member, String value, String reason) {
        return arguments(member, value, null, null, null, null, reason);
    }
}
