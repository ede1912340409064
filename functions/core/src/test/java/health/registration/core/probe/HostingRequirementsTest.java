package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.UrlField;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostingRequirementsTest {

    private static final int MAX_LOGO = 1024;
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");

    private static FetchedPage page(int status) {
        return new FetchedPage(status, "text/html", null, -1, new byte[0], false, "11.22.33.44");
    }

    @ParameterizedTest(name = "{0} answering {1} -> {2}")
    @CsvSource({
        "REDIRECT_URI, 200, OK",
        "REDIRECT_URI, 204, OK",
        "REDIRECT_URI, 400, OK",
        "REDIRECT_URI, 401, OK",
        "REDIRECT_URI, 403, OK",
        "REDIRECT_URI, 405, OK",
        "REDIRECT_URI, 404, NOT_FOUND",
        "REDIRECT_URI, 410, NOT_FOUND",
        "REDIRECT_URI, 300, REDIRECT",
        "REDIRECT_URI, 301, REDIRECT",
        "REDIRECT_URI, 399, REDIRECT",
        "REDIRECT_URI, 199, SERVER_ERROR",
        "REDIRECT_URI, 299, OK",
        "REDIRECT_URI, 499, OK",
        "CLIENT_URI,   499, CLIENT_ERROR",
        "CLIENT_URI,   300, REDIRECT",
        "REDIRECT_URI, 302, REDIRECT",
        "REDIRECT_URI, 303, REDIRECT",
        "REDIRECT_URI, 307, REDIRECT",
        "REDIRECT_URI, 308, REDIRECT",
        "REDIRECT_URI, 304, REDIRECT",
        "REDIRECT_URI, 500, SERVER_ERROR",
        "REDIRECT_URI, 503, SERVER_ERROR",
        "CLIENT_URI,   200, OK",
        "CLIENT_URI,   203, OK",
        "CLIENT_URI,   400, CLIENT_ERROR",
        "CLIENT_URI,   403, CLIENT_ERROR",
        "CLIENT_URI,   404, NOT_FOUND",
        "CLIENT_URI,   301, REDIRECT",
        "CLIENT_URI,   502, SERVER_ERROR",
        "TOS_URI,      200, OK",
        "TOS_URI,      410, NOT_FOUND",
        "POLICY_URI,   401, CLIENT_ERROR",
        "POLICY_URI,   308, REDIRECT",
        "LOGO_URI,     302, REDIRECT",
        "LOGO_URI,     404, NOT_FOUND",
        "LOGO_URI,     400, CLIENT_ERROR",
        "LOGO_URI,     500, SERVER_ERROR",
        "JWKS_URI,                 200, OK",
        "JWKS_URI,                 403, CLIENT_ERROR",
        "JWKS_URI,                 302, REDIRECT",
        "SECTOR_IDENTIFIER_URI,    400, CLIENT_ERROR",
        "SECTOR_IDENTIFIER_URI,    404, NOT_FOUND",
        "BACKCHANNEL_LOGOUT_URI,   405, OK",
        "BACKCHANNEL_LOGOUT_URI,   404, NOT_FOUND",
        "FRONTCHANNEL_LOGOUT_URI,  400, OK",
        "POST_LOGOUT_REDIRECT_URI, 400, OK",
        "POST_LOGOUT_REDIRECT_URI, 301, REDIRECT",
        "INITIATE_LOGIN_URI,       400, OK",
        "REQUEST_URI,              401, OK",
        "REQUEST_URI,              410, NOT_FOUND",
        "REQUEST_URI,              500, SERVER_ERROR",
    })
    void judgesTheStatusPerField(UrlField field, int status, ProbeOutcome outcome) {
        assertThat(HostingRequirements.outcomeOf(field, page(status), MAX_LOGO)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a PNG declared as PNG                        | 200 | image/png     | png  | false | -1   | OK",
        "a PNG declared with parameters               | 200 | image/png; q=1| png  | false | -1   | OK",
        "a PNG declared as JPEG                       | 200 | image/jpeg    | png  | false | -1   | NOT_AN_IMAGE",
        "a text file named .png                       | 200 | image/png     | text | false | -1   | NOT_AN_IMAGE",
        "HTML declared as HTML                        | 200 | text/html     | text | false | -1   | NOT_AN_IMAGE",
        "an SVG                                       | 200 | image/svg+xml | svg  | false | -1   | NOT_AN_IMAGE",
        "no content type                              |  200 |              | png  | false | -1   | NOT_AN_IMAGE",
        "a 204 without image                          | 204 | image/png     | png  | false | -1   | NOT_AN_IMAGE",
        "a body over the cap                          | 200 | image/png     | png  | true  | -1   | TOO_LARGE",
        "a declared length over the cap               | 200 | image/png     | png  | false | 2048 | TOO_LARGE",
        "a declared length at the cap                 | 200 | image/png     | png  | false | 1024 | OK",
        "a declared length one past the cap           | 200 | image/png     | png  | false | 1025 | TOO_LARGE",
        "a body of exactly the cap, undeclared        | 200 | image/png     | cap  | false | -1   | OK",
        "a body one past the cap, undeclared          | 200 | image/png     | cap+1| false | -1   | TOO_LARGE",
        "a body of exactly the cap, declared          | 200 | image/png     | cap  | false | 1024 | OK",
    })
    void wantsTheLogoToBeASmallImageOfItsDeclaredType(String reason, int status, String contentType, String body,
                                                     boolean truncated, long length, ProbeOutcome outcome) {
        byte[] bytes = switch (body) {
            case "png" -> PNG;
            case "cap" -> java.util.Arrays.copyOf(PNG, MAX_LOGO);
            case "cap+1" -> java.util.Arrays.copyOf(PNG, MAX_LOGO + 1);
            case "svg" -> "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
            default -> "not an image at all".getBytes(StandardCharsets.UTF_8);
        };
        FetchedPage page = new FetchedPage(status, contentType, null, length, bytes, truncated, "11.22.33.44");

        assertThat(HostingRequirements.outcomeOf(UrlField.LOGO_URI, page, MAX_LOGO)).isEqualTo(outcome);
    }
}
