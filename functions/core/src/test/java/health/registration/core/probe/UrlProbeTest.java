package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.model.UrlField;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class UrlProbeTest {

    private static final int MAX_LOGO = 64;
    private static final String URL = "https://app.example.com/x";
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");

    private static UrlProbe answeredPage(int status) {
        return UrlProbe.answered(new ProbeTarget(URL, FetchPurpose.PAGE), page(status, "text/html", "<html/>".getBytes(StandardCharsets.UTF_8)),
                MAX_LOGO, List.of("11.22.33.44"), 7);
    }

    private static UrlProbe answeredImage(int status, String contentType, byte[] body) {
        return UrlProbe.answered(new ProbeTarget(URL, FetchPurpose.IMAGE), page(status, contentType, body), MAX_LOGO,
                List.of("11.22.33.44"), 7);
    }

    private static FetchedPage page(int status, String contentType, byte[] body) {
        return new FetchedPage(status, contentType, null, body.length, body, false, "11.22.33.44");
    }

    @ParameterizedTest(name = "{0} answering {1} -> {2}")
    @CsvSource({
        "REDIRECT_URI, 200, OK",
        "REDIRECT_URI, 204, OK",
        "REDIRECT_URI, 400, OK",           // a callback called without parameters commonly answers 400
        "REDIRECT_URI, 401, OK",
        "REDIRECT_URI, 403, OK",
        "REDIRECT_URI, 404, NOT_FOUND",
        "REDIRECT_URI, 410, NOT_FOUND",
        "REDIRECT_URI, 302, REDIRECT",
        "REDIRECT_URI, 500, SERVER_ERROR",
        "CLIENT_URI,   200, OK",
        "CLIENT_URI,   400, CLIENT_ERROR",
        "CLIENT_URI,   404, NOT_FOUND",
        "CLIENT_URI,   301, REDIRECT",
        "CLIENT_URI,   503, SERVER_ERROR",
        "TOS_URI,      200, OK",
        "TOS_URI,      401, CLIENT_ERROR",
        "POLICY_URI,   410, NOT_FOUND",
        "POLICY_URI,   308, REDIRECT",
    })
    void judgesAPageProbeByTheMembersRequirements(UrlField field, int status, ProbeOutcome expected) {
        assertThat(answeredPage(status).outcomeFor(field)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a PNG answered 200                    | 200 | image/png     | png      | OK",
        "an SVG answered 200                   | 200 | image/svg+xml | svg      | NOT_AN_IMAGE",
        "PNG bytes declared as JPEG            | 200 | image/jpeg    | png      | NOT_AN_IMAGE",
        "a PNG larger than the cap             | 200 | image/png     | big-png  | TOO_LARGE",
        "a logo answering 404                  | 404 | image/png     | png      | NOT_FOUND",
        "a logo redirecting                    | 302 | image/png     | png      | REDIRECT",
        "a logo answering 400 (no exception)   | 400 | image/png     | png      | CLIENT_ERROR",
        "a logo answering 500                  | 500 | image/png     | png      | SERVER_ERROR",
        "a PNG answered 203 is not a logo      | 203 | image/png     | png      | NOT_AN_IMAGE",
    })
    void judgesALogoFromAnImageProbe(String reason, int status, String contentType, String body, ProbeOutcome expected) {
        byte[] bytes = switch (body) {
            case "png" -> PNG;
            case "big-png" -> java.util.Arrays.copyOf(PNG, MAX_LOGO + 1);
            default -> "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8);
        };

        assertThat(answeredImage(status, contentType, bytes).outcomeFor(UrlField.LOGO_URI)).isEqualTo(expected);
    }

    @Test
    void judgesThePagesSharingALogosUrlByStatusAlone() {
        UrlProbe svg = answeredImage(200, "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));

        assertThat(svg.outcomeFor(UrlField.CLIENT_URI)).isEqualTo(ProbeOutcome.OK);
        assertThat(svg.outcomeFor(UrlField.LOGO_URI)).isEqualTo(ProbeOutcome.NOT_AN_IMAGE);
    }

    @Test
    void refusesToJudgeALogoFromAPageProbe() {
        assertThatThrownBy(() -> answeredPage(200).outcomeFor(UrlField.LOGO_URI)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void judgesALogoFromAPageProbeThatFailedByItsStatus() {
        assertThat(answeredPage(404).outcomeFor(UrlField.LOGO_URI)).isEqualTo(ProbeOutcome.NOT_FOUND);
    }

    @ParameterizedTest(name = "a probe that failed with {0} gives {0} for every member")
    @EnumSource(value = ProbeOutcome.class, names = {"OK"}, mode = EnumSource.Mode.EXCLUDE)
    void givesAFailedProbesOutcomeToEveryMember(ProbeOutcome failure) {
        UrlProbe failed = UrlProbe.failed(new ProbeTarget(URL, FetchPurpose.IMAGE), failure, "why", List.of(), 3);

        for (UrlField field : UrlField.values()) {
            assertThat(failed.outcomeFor(field)).as(field.name()).isEqualTo(failure);
        }
        assertThat(failed.httpStatus()).isNull();
        assertThat(failed.imageOutcome()).isNull();
    }

    @ParameterizedTest(name = "{0} -> transient: {1}")
    @CsvSource({
        "TIMEOUT,       true",
        "CONNECT_ERROR, true",
        "DNS_ERROR,     true",
        "RATE_LIMITED,  true",
        "TLS_ERROR,     false",
        "NOT_PUBLIC,    false",
        "INVALID_URL,   false",
        "TOO_MANY_URLS, false",
    })
    void saysWhetherAFailedProbeMayPassByItself(ProbeOutcome failure, boolean expected) {
        UrlProbe failed = UrlProbe.failed(new ProbeTarget(URL, FetchPurpose.PAGE), failure, null, List.of(), 0);

        assertThat(failed.transientFailure()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "answered {0} -> transient: {1}")
    @CsvSource({
        "200, false",
        "302, false",
        "400, false",
        "404, false",
        "410, false",
        "401, true",   // 401, 403 and 429 refuse the prober, not the page (FailureKind.of)
        "403, true",
        "429, true",
        "500, true",
        "503, true",
        "599, true",
        "102, true",  // an informational status as the final answer is a server error (HostingRequirements)
    })
    void saysWhetherAnAnswerMayPassByItself(int status, boolean expected) {
        UrlProbe probe = answeredPage(status);

        assertThat(probe.transientFailure()).isEqualTo(expected);
    }

    @Test
    void agreesWithTheFailureKindOfEveryAnswerOnWhatIsTransient() {
        for (int status = 100; status < 600; status++) {
            UrlProbe probe = answeredPage(status);
            for (UrlField field : List.of(UrlField.REDIRECT_URI, UrlField.CLIENT_URI, UrlField.TOS_URI)) {
                if (probe.outcomeFor(field) == ProbeOutcome.OK) {
                    continue;
                }
                assertThat(probe.transientFailure()).as("HTTP %d for %s", status, field)
                        .isEqualTo(health.registration.core.issue.FailureKind.of(probe.outcomeFor(field), status)
                                == health.registration.core.issue.FailureKind.TRANSIENT);
            }
        }
    }

    @Test
    void keepsTheRetryAfterOfAnAnswerThatIsNoSuccessOnly() {
        ProbeTarget target = new ProbeTarget(URL, FetchPurpose.PAGE);

        assertThat(UrlProbe.answered(target, new FetchedPage(429, null, null, -1, new byte[0], false, "203.0.113.9", " 120 "),
                1000, List.of(), 1).retryAfter()).isEqualTo("120");
        assertThat(UrlProbe.answered(target, new FetchedPage(200, null, null, -1, new byte[0], false, "203.0.113.9", "120"),
                1000, List.of(), 1).retryAfter()).isNull();
        assertThat(UrlProbe.answered(target, new FetchedPage(503, null, null, -1, new byte[0], false, "203.0.113.9",
                "x".repeat(65)), 1000, List.of(), 1).retryAfter()).as("an unbounded value is dropped").isNull();
    }

    @Test
    void isEitherFailedOrAnswered() {
        ProbeTarget target = new ProbeTarget(URL, FetchPurpose.PAGE);

        assertThatThrownBy(() -> new UrlProbe(target, null, null, null, null, List.of(), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UrlProbe(target, ProbeOutcome.TIMEOUT, 200, null, null, List.of(), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheRedirectLocationSanitised() {
        FetchedPage redirect = new FetchedPage(302, "text/html", "https://elsewhere.example.com/\u0007x", 0, new byte[0], false, "11.22.33.44");

        UrlProbe probe = UrlProbe.answered(new ProbeTarget(URL, FetchPurpose.PAGE), redirect, MAX_LOGO, List.of(), 1);

        assertThat(probe.location()).isEqualTo("https://elsewhere.example.com/?x");
    }

    @Test
    void keepsTheRetryAfterFrom300On() {
        ProbeTarget target = new ProbeTarget(URL, FetchPurpose.PAGE);

        assertThat(UrlProbe.answered(target, new FetchedPage(300, null, null, -1, new byte[0], false, "203.0.113.9", "5"),
                1000, List.of(), 1).retryAfter()).isEqualTo("5");
        assertThat(UrlProbe.answered(target, new FetchedPage(299, null, null, -1, new byte[0], false, "203.0.113.9", "5"),
                1000, List.of(), 1).retryAfter()).isNull();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            https://a.example/ x        | https://a.example/?x | a space is replaced
            https://a.example/DELx      | https://a.example/?x | so is DEL
            https://a.example/!~        | https://a.example/!~ | the first and last printable characters are kept
            null                        | null                 | no Location, none kept
            """)
    void sanitisesTheLocationCharacterByCharacter(String location, String kept, String reason) {
        String sent = location == null ? null : location.replace("DEL", "\u007f");

        assertThat(ProbeDescriptions.sanitizeLocation(sent)).as(reason).isEqualTo(kept);
    }

    @Test
    void truncatesTheLocationPastItsLengthOnly() {
        String exact = "https://a.example/" + "x".repeat(ProbeDescriptions.MAX_LOCATION - "https://a.example/".length());
        String longer = exact + "y";

        assertThat(ProbeDescriptions.sanitizeLocation(exact)).as("exactly the length: kept whole").isEqualTo(exact);
        assertThat(ProbeDescriptions.sanitizeLocation(longer)).as("one past: cut, and marked")
                .isEqualTo(exact + "...");
    }
}
