package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebUrlTest {

    @Test
    void splitsEveryComponentWithoutNormalising() {
        WebUrl url = WebUrl.parse("HTTPS://user@App.Example.com:8443/a/../b?x=1&y#frag").value();

        assertThat(url.scheme()).isEqualTo("HTTPS");
        assertThat(url.userInfo()).isEqualTo("user");
        assertThat(url.host()).isEqualTo("App.Example.com");
        assertThat(url.port()).isEqualTo("8443");
        assertThat(url.path()).isEqualTo("/a/../b");
        assertThat(url.query()).isEqualTo("x=1&y");
        assertThat(url.fragment()).isEqualTo("frag");
        assertThat(url.normalizedScheme()).isEqualTo("https");
    }

    @Test
    void leavesAbsentComponentsNull() {
        WebUrl url = WebUrl.parse("https://example.com").value();

        assertThat(url.userInfo()).isNull();
        assertThat(url.port()).isNull();
        assertThat(url.path()).isEmpty();
        assertThat(url.query()).isNull();
        assertThat(url.fragment()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://example.com/cb                   | ok",
        "http://example.com                       | ok",
        "https://example.com/a%20b?q=%7E          | ok",
        "https://[2001:db8::1]/cb                 | ok",
        "https://example.com:/cb                  | ok",
        "example.com/cb                           | no scheme",
        "/cb                                      | no scheme",
        "ftp://example.com/                       | not an http or https URL",
        "https:example.com                        | must start with https://",
        "https:/example.com                       | must start with https://",
        "https:///cb                              | has no host",
        "https://example.com\\@evil.com/          | user information",
        "https://example.com/a\\b                 | RFC 3986",
        "https://example.com/a%zz                 | RFC 3986",
        "https://example.com/a%2                  | RFC 3986",
        "https://example.com/{x}                  | RFC 3986",
        "https://example.com/#a#b                 | RFC 3986",
        "https://[::1                             | unterminated IPv6",
        "https://[::1]x/                          | after its IPv6",
        "https://[fe80::1%25eth0]/                | invalid IPv6",
        "https://[127.0.0.1]/                     | invalid IPv6",
        "https://example.com:65536/               | invalid port",
        "https://example.com:65535/               | ok",
        "https://#x                               | has no host",
        "https://?x                               | has no host",
        "https:///x                               | has no host",
        "https://:443/                            | has no host",
        "https://exa<mple.com/                    | a host with characters",
        "https://example.com:12a/                 | invalid port",
        "https://999.1.1.1/                       | not a valid IPv4",
        "https://1.2.3.4.5/                       | not a valid IPv4",
        "https://09.1.1.1/                        | not a valid IPv4",
    })
    void parsesOnlyAbsoluteHttpUrlsOfRfc3986Syntax(String text, String expected) {
        Parsed<WebUrl> parsed = WebUrl.parse(text);

        if (expected.equals("ok")) {
            assertThat(parsed.isOk()).as(parsed.problem()).isTrue();
        } else {
            assertThat(parsed.isOk()).isFalse();
            assertThat(parsed.problem()).contains(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'https://example.com/a b'",
        "' https://example.com/'",
        "'https://example.com/\n'",
        "'https://example.com/\u007f'",
        "'https://example.com/\u0080'",
        "'https://exa\u00admple.com/'",
        "'https://bücher.de/'",
        "'ｈｔｔｐｓ://example.com/'",
    })
    void refusesWhitespaceControlAndNonAsciiCharacters(String text) {
        assertThat(WebUrl.parse(text).problem()).contains("non-ASCII");
    }

    @Test
    void refusesUrlsLongerThan2048Characters() {
        String base = "https://example.com/";
        assertThat(WebUrl.parse(base + "a".repeat(2048 - base.length())).isOk()).isTrue();
        assertThat(WebUrl.parse(base + "a".repeat(2049 - base.length())).problem()).contains("2048");
    }

    @Test
    void splitsUserInfoAtTheLastAtSign() {
        WebUrl url = WebUrl.parse("https://a@b@example.com/").value();

        assertThat(url.userInfo()).isEqualTo("a@b");
        assertThat(url.host()).isEqualTo("example.com");
    }

    @ParameterizedTest(name = "{0} literal={1} loopback={2}")
    @CsvSource({
        "https://example.com/,       false, false",
        "https://localhost/,         false, true",
        "https://LocalHost./,        false, true",
        "https://app.localhost/,     false, true",
        "https://localhost.example.com/, false, false",
        "https://127.0.0.1/,         true,  true",
        "https://127.1/,             true,  true",
        "https://2130706433/,        true,  true",
        "https://0x7f.1/,            true,  true",
        "https://0177.0.0.1/,        true,  true",
        "https://127.0.0.1./,        true,  true",
        "https://[::1]/,             true,  true",
        "https://[0:0:0:0:0:0:0:1]/, true,  true",
        "https://[::ffff:127.0.0.1]/, true, true",
        "https://10.0.0.1/,          true,  false",
        "https://1.2.3.0x4/,         true,  false",
        "https://[2001:db8::1]/,     true,  false",
    })
    void tellsIpLiteralAndLoopbackHosts(String text, boolean literal, boolean loopback) {
        WebUrl url = WebUrl.parse(text).value();

        assertThat(url.hasIpLiteralHost()).isEqualTo(literal);
        assertThat(url.hasLoopbackHost()).isEqualTo(loopback);
        assertThat(url.ipLiteralAddress().isPresent()).isEqualTo(literal);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://example.com/,  https",
        "x-argonaut-app:/cb,    x-argonaut-app",
        "com.example.app:/cb,   com.example.app",
        "JavaScript:alert(1),   JavaScript",
    })
    void readsTheSchemeOfAnyAbsoluteUri(String text, String scheme) {
        assertThat(WebUrl.schemeOf(text)).contains(scheme);
    }

    @Test
    void findsNoSchemeInRelativeReferences() {
        assertThat(WebUrl.schemeOf("//example.com/cb")).isEmpty();
        assertThat(WebUrl.schemeOf("1http://example.com")).isEmpty();
    }
}
