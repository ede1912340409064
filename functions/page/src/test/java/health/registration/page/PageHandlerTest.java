package health.registration.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageHandlerTest {

    private static final String MANUAL = "https://manual.example.org/register?from=<page>&x=\"1\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode PAGE_EVENT = SampleEvents.read(SampleEvents.folder().resolve("page.json"));
    private static final ObjectNode ASSET_EVENT = SampleEvents.read(SampleEvents.folder().resolve("page-asset.json"));

    private final PageHandler handler = new PageHandler(PageFiles.load(MANUAL));
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("page");

    private record Answer(int status, JsonNode headers, String body) {
        String header(String name) {
            return headers.path(name).isMissingNode() ? null : headers.path(name).asText();
        }
    }

    private Answer invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        JsonNode response = JSON.readTree(out.toByteArray());
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        return new Answer(response.path("statusCode").asInt(), response.path("headers"), response.path("body").asText());
    }

    private static ObjectNode asset(String file) {
        ObjectNode event = ASSET_EVENT.deepCopy();
        event.put("path", "/assets/" + file);
        event.putObject("pathParameters").put("file", file);
        return event;
    }

    private static ObjectNode withMethod(ObjectNode event, String method) {
        ObjectNode copy = event.deepCopy();
        copy.put("httpMethod", method);
        return copy;
    }

    private static void assertSecurityHeaders(Answer answer) {
        String csp = answer.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void servesThePageAsHtmlWithTheSecurityHeaders() throws IOException {
        Answer answer = invoke(PAGE_EVENT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertSecurityHeaders(answer);
        assertThat(answer.header("ETag")).matches("\"[A-Za-z0-9_-]{43}\"");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(answer.body()).startsWith("<!doctype html>").contains("<script type=\"module\" src=\"assets/page.js\">");
    }

    @Test
    void writesTheManualRegistrationAddressEscaped() throws IOException {
        String body = invoke(PAGE_EVENT).body();

        assertThat(body).doesNotContain(PageFiles.MANUAL_REGISTRATION_MARK).doesNotContain("<page>");
        assertThat(body).contains("https://manual.example.org/register?from=&lt;page&gt;&amp;x=&quot;1&quot;");
    }

    @Test
    void hasNoInlineScriptOrStyleForTheCspToRefuse() throws IOException {
        String body = invoke(PAGE_EVENT).body();

        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(body);
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            count++;
        }
        assertThat(count).isEqualTo(1);
        assertThat(body).doesNotContain("<style", " style=", " onclick=", " oninput=", " onload=", "javascript:");
    }

    @Test
    void namesEachRequiredMemberAsAControl() throws IOException {
        String body = invoke(PAGE_EVENT).body();

        for (String member : new String[] {"client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri", "scope",
                "token_endpoint_auth_method"}) {
            assertThat(body).contains("name=\"" + member + "\"");
        }
        assertThat(body).contains("<textarea id=\"f-redirect_uris\" name=\"redirect_uris\"",
                "<textarea id=\"f-contacts\" name=\"contacts\"", "value=\"refresh_token\"");
    }

    @ParameterizedTest
    @CsvSource({
            "page.js, text/javascript; charset=utf-8",
            "api.js, text/javascript; charset=utf-8",
            "form.js, text/javascript; charset=utf-8",
            "page.css, text/css; charset=utf-8"})
    void servesEachAssetWithItsExactContentType(String file, String contentType) throws IOException {
        Answer answer = invoke(asset(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo(contentType);
        assertSecurityHeaders(answer);
        assertThat(answer.body()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "../page.js", "..%2Fpage.js", "%2e%2e/index.html", "assets/page.js",
            "PAGE.JS", "page.js ", "page.js/", "", ".", "..", "PageHandler.class",
            "../../health/registration/page/PageHandler.class", "/etc/passwd", "page.js%00.css"})
    void answersAnyOtherFile404(String file) throws IOException {
        Answer answer = invoke(asset(file));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertSecurityHeaders(answer);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("errors").get(0).path("field").asText()).isEmpty();
    }

    @Test
    void answersAMissingFileParameter404() throws IOException {
        ObjectNode event = ASSET_EVENT.deepCopy();
        event.putNull("pathParameters");

        assertThat(invoke(event).status()).isEqualTo(404);
    }

    @Test
    void answersAMatchingIfNoneMatch304WithoutABody() throws IOException {
        String etag = invoke(asset("page.js")).header("ETag");

        Answer again = invoke(SampleEvents.withBody(asset("page.js"), null, Map.of("If-None-Match", "\"other\", " + etag)));

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(invoke(SampleEvents.withBody(asset("page.js"), null, Map.of("If-None-Match", "\"other\""))).status())
                .isEqualTo(200);
    }

    @Test
    void givesEachFileItsOwnEtag() throws IOException {
        assertThat(invoke(asset("page.js")).header("ETag")).isNotEqualTo(invoke(asset("form.js")).header("ETag"))
                .isNotEqualTo(invoke(PAGE_EVENT).header("ETag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "HEAD", "OPTIONS"})
    void answersOtherMethods405WithAllow(String method) throws IOException {
        Answer page = invoke(withMethod(PAGE_EVENT, method));
        Answer file = invoke(withMethod(asset("page.js"), method));

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.header("Allow")).isEqualTo("GET");
        assertThat(file.status()).isEqualTo(405);
        assertThat(file.header("Allow")).isEqualTo("GET");
    }

    @Test
    void keepsThePageAndItsAssetsUnder100Kilobytes() throws IOException {
        int total = invoke(PAGE_EVENT).body().getBytes(StandardCharsets.UTF_8).length;
        for (String file : new String[] {"page.js", "api.js", "form.js", "page.css"}) {
            total += invoke(asset(file)).body().getBytes(StandardCharsets.UTF_8).length;
        }
        assertThat(total).isLessThan(100_000);
    }

    @Test
    void loadsNoThirdPartyCode() throws IOException {
        for (String file : new String[] {"page.js", "api.js", "form.js"}) {
            String script = invoke(asset(file)).body();
            assertThat(script).doesNotContainPattern("import[^;]*['\"](https?:)?//")
                    .doesNotContain("localStorage", "sessionStorage", "document.cookie", "serviceWorker", "eval(",
                            "innerHTML");
        }
    }
}
