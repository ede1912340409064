package health.registration.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The files of the developer registration page (docs/api/page.md): the page itself and the assets it loads, read
 * once from this module's classpath resources under {@code page/}. Only the names listed here are ever served, each
 * looked up by its exact name, so no request can reach any other resource (no path traversal, no directory listing).
 */
final class PageFiles {

    /** Where the page names the manual registration address; replaced, HTML-escaped, when the page is built. */
    static final String MANUAL_REGISTRATION_MARK = "{{manual_registration_url}}";

    /** One file: its bytes as text, its exact content type and a strong validator of them (RFC 9110 §8.8.3). */
    record PageFile(String text, String contentType, String etag) {

        static PageFile of(String text, String contentType) {
            return new PageFile(text, contentType, strongEtag(text));
        }
    }

    /** The assets under {@code /assets/{file}}, by file name, with their content types (RFC 9239, RFC 2318). */
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "page.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "form.js", "text/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8");

    private final PageFile page;
    private final Map<String, PageFile> assets;

    private PageFiles(PageFile page, Map<String, PageFile> assets) {
        this.page = page;
        this.assets = assets;
    }

    /** The page with the manual registration address written into its help, and every asset. */
    static PageFiles load(String manualRegistrationUrl) {
        String html = resource("page/index.html")
                .replace(MANUAL_REGISTRATION_MARK, escapeHtml(manualRegistrationUrl));
        Map<String, PageFile> assets = new java.util.HashMap<>();
        ASSET_TYPES.forEach((name, type) -> assets.put(name, PageFile.of(resource("page/assets/" + name), type)));
        return new PageFiles(PageFile.of(html, "text/html; charset=utf-8"), Map.copyOf(assets));
    }

    PageFile page() {
        return page;
    }

    /** The asset of exactly this name, or empty for any other (including names with {@code /} or {@code ..}). */
    Optional<PageFile> asset(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(assets.get(name));
    }

    private static String resource(String name) {
        try (InputStream in = PageFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strongEtag(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
