package health.registration.edge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a log line must never carry, blanked out of any text before it is written (docs/operations/logging.md,
 * "What is never logged"): PEM blocks (keys and certificates), JSON Web Tokens (software statements, RFC 7519 §3),
 * bearer tokens (RFC 6750 §2.1), the values of secret-bearing members or parameters (RFC 7591 §3.2.1's
 * {@code client_secret}, RFC 7592 §3's {@code registration_access_token}, passwords, keys) and URL queries and
 * fragments (RFC 3986 §3.4, §3.5), where tokens travel.
 */
public final class LogRedaction {

    static final String REDACTED = "[redacted]";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]+-----.*?(?:-----END [A-Z0-9 ]+-----|\\z)", Pattern.DOTALL);
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_MEMBER = Pattern.compile(
            "(?i)(\"?[a-z_]*(?:secret|token|password|passwd|private_key|api_key|apikey|credential|signature)[a-z_]*\"?"
                    + "\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s,;&}\\]]+)");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s?#\"'<>]*)[?#][^\\s\"'<>]*");

    private LogRedaction() {}

    /** The text with everything secret-looking replaced by {@value #REDACTED}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = PEM.matcher(text).replaceAll(Matcher.quoteReplacement("[redacted PEM]"));
        redacted = JWT.matcher(redacted).replaceAll(REDACTED);
        redacted = BEARER.matcher(redacted).replaceAll("$1 " + REDACTED);
        redacted = SECRET_MEMBER.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(match.group(1)
                + (match.group(2).startsWith("\"") ? "\"" + REDACTED + "\"" : REDACTED)));
        return URL_QUERY.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "?" + REDACTED));
    }
}
