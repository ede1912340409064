package health.registration.core.model;

import java.util.Optional;

/**
 * One URL the metadata carries: a redirect URI entry, or a URL member or one of its language-tagged variants.
 *
 * @param field   which kind of URL it is
 * @param pointer where it is, as a JSON pointer ({@code /redirect_uris/1}, {@code /logo_uri#fr})
 * @param text    as sent
 * @param parsed  the parsed http(s) URL, or why the text is not one
 */
public record UrlMember(UrlField field, String pointer, String text, Parsed<WebUrl> parsed) {

    static UrlMember of(UrlField field, String pointer, String text) {
        return new UrlMember(field, pointer, text, WebUrl.parse(text));
    }

    /** The scheme as written, or empty when the text is not an absolute URI. */
    public Optional<String> scheme() {
        return WebUrl.schemeOf(text);
    }

    /** The parsed URL when the text is a well-formed http(s) URL. */
    public Optional<WebUrl> url() {
        return parsed.toOptional();
    }

    /** The pointer without its leading slash, for use in sentences: {@code redirect_uris/1}. */
    public String name() {
        return pointer.substring(1);
    }
}
