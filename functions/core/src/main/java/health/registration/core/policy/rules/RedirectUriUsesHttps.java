package health.registration.core.policy.rules;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Policy section 3: redirect URIs use https. Private-use schemes ({@code com.example.app:/cb}, RFC 8252 §7.1)
 * are refused with the manual registration address, as the requirements direct.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class RedirectUriUsesHttps implements UrlRule {

    /** Schemes that are not an app's own: refused without the manual-registration hint. */
    static final Set<String> NOT_PRIVATE_USE = Set.of(
            "http", "javascript", "data", "file", "vbscript", "about", "blob", "ftp", "ftps", "tftp", "sftp", "ssh",
            "ws", "wss", "mailto", "tel", "sms", "urn", "gopher", "dict", "ldap", "ldaps", "jar", "smb", "telnet",
            "nntp", "news", "irc", "sip", "git", "svn", "rtsp", "view-source", "chrome", "intent", "content", "ms-appx");

    @Override
    public List<Violation> check(UrlMember url, PolicyContext context) {
        if (url.field() != UrlField.REDIRECT_URI || url.scheme().isEmpty()) {
            return List.of();
        }
        String scheme = url.scheme().get().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return List.of();
        }
        if (NOT_PRIVATE_USE.contains(scheme)) {
            return UrlRule.refuse(url, "must use https");
        }
        return UrlRule.refuse(url, "uses a private-use (custom) URI scheme, which dynamic registration does not accept;"
                + " apps that use custom URI schemes must register manually at " + context.manualRegistrationUrl());
    }
}
