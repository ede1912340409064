package health.registration.edge;

import health.registration.core.udap.UdapCapabilities;
import health.registration.core.udap.UdapMetadataDocument;
import health.registration.core.udap.UdapMetadataSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one decision whether UDAP is on, shared by the discovery function (which publishes {@code /.well-known/udap})
 * and the functions that register UDAP clients, so that a client never finds metadata for a registration that is off
 * or the reverse. UDAP is on when three things are configured: the trust anchors ({@code UDAP_TRUST_ANCHORS_FILE} or
 * {@code UDAP_TRUST_ANCHORS_SECRET}), the server's signing credentials ({@code UDAP_SERVER_KEY_FILE} and
 * {@code UDAP_SERVER_CERTIFICATE_FILE}, or {@code UDAP_SERVER_CREDENTIALS_SECRET}) and {@code UDAP_TOKEN_ENDPOINT}.
 * Off when neither anchors nor credentials are; one without the other, or both without a token endpoint, is a
 * configuration error that stops the function, naming what is missing. The decision reads settings only, never a
 * secret: a function that may not read the signing key (the register function) decides on the setting's presence.
 *
 * <p>It also reads what discovery advertises (IG STU2 §2.2): the FHIR base URL and the capability lists, checked
 * against each other by {@link UdapCapabilities} when the function starts.
 */
public final class UdapSettings {

    /** The setting each discovery member comes from; its default is what the service published before. */
    private static final Map<String, String> SETTING_OF = Map.of(
            UdapMetadataDocument.UDAP_PROFILES_SUPPORTED, Settings.UDAP_PROFILES_SUPPORTED,
            UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, Settings.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED,
            UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, Settings.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED,
            UdapMetadataDocument.UDAP_CERTIFICATIONS_SUPPORTED, Settings.UDAP_CERTIFICATIONS_SUPPORTED,
            UdapMetadataDocument.UDAP_CERTIFICATIONS_REQUIRED, Settings.UDAP_CERTIFICATIONS_REQUIRED,
            UdapMetadataDocument.GRANT_TYPES_SUPPORTED, Settings.UDAP_GRANT_TYPES_SUPPORTED,
            UdapMetadataDocument.TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED,
            Settings.UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS,
            UdapMetadataDocument.REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED,
            Settings.UDAP_REGISTRATION_SIGNING_ALGS);

    private final Settings settings;
    private final UdapCapabilities capabilities;

    private UdapSettings(Settings settings, UdapCapabilities capabilities) {
        this.settings = settings;
        this.capabilities = capabilities;
    }

    /**
     * UDAP's settings when it is on, empty when it is off.
     *
     * @throws IllegalStateException naming the missing or unusable setting
     */
    public static Optional<UdapSettings> of(Settings settings) {
        boolean anchors = anyOf(settings, Settings.UDAP_TRUST_ANCHORS_FILE, Settings.UDAP_TRUST_ANCHORS_SECRET);
        boolean credentials = anyOf(settings, Settings.UDAP_SERVER_KEY_FILE, Settings.UDAP_SERVER_CERTIFICATE_FILE,
                Settings.UDAP_SERVER_CREDENTIALS_SECRET);
        if (!anchors && !credentials) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (!anchors) {
            missing.add(Settings.UDAP_TRUST_ANCHORS_FILE + " or " + Settings.UDAP_TRUST_ANCHORS_SECRET
                    + " (the trust anchors)");
        }
        if (!credentials) {
            missing.add(Settings.UDAP_SERVER_KEY_FILE + " and " + Settings.UDAP_SERVER_CERTIFICATE_FILE + ", or "
                    + Settings.UDAP_SERVER_CREDENTIALS_SECRET + " (the server's signing key and chain)");
        }
        if (settings.value(Settings.UDAP_TOKEN_ENDPOINT).isEmpty()) {
            missing.add(Settings.UDAP_TOKEN_ENDPOINT + " (the token endpoint the metadata publishes)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("UDAP is half configured: set " + String.join("; ", missing)
                    + ", or none of the UDAP settings to leave UDAP off");
        }
        return Optional.of(new UdapSettings(settings, capabilities(settings)));
    }

    private static boolean anyOf(Settings settings, String... names) {
        for (String name : names) {
            if (settings.value(name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static UdapCapabilities capabilities(Settings settings) {
        boolean authorizationEndpoint = settings.value(Settings.UDAP_AUTHORIZATION_ENDPOINT).isPresent();
        UdapCapabilities defaults = UdapCapabilities.defaults(authorizationEndpoint);
        try {
            UdapCapabilities published = new UdapCapabilities(
                    list(settings, Settings.UDAP_PROFILES_SUPPORTED, defaults.profilesSupported()),
                    list(settings, Settings.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, defaults.extensionsSupported()),
                    list(settings, Settings.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, defaults.extensionsRequired()),
                    list(settings, Settings.UDAP_CERTIFICATIONS_SUPPORTED, defaults.certificationsSupported()),
                    list(settings, Settings.UDAP_CERTIFICATIONS_REQUIRED, defaults.certificationsRequired()),
                    list(settings, Settings.UDAP_GRANT_TYPES_SUPPORTED, defaults.grantTypesSupported()),
                    list(settings, Settings.UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS, defaults.tokenSigningAlgs()),
                    list(settings, Settings.UDAP_REGISTRATION_SIGNING_ALGS, defaults.registrationSigningAlgs()));
            published.requireAuthorizationEndpoint(authorizationEndpoint);
            return published;
        } catch (UdapCapabilities.Inconsistent wrong) {
            throw new IllegalStateException(SETTING_OF.get(wrong.member()) + ": " + wrong.getMessage()
                    + (wrong.member().equals(UdapMetadataDocument.GRANT_TYPES_SUPPORTED)
                    ? " (" + Settings.UDAP_AUTHORIZATION_ENDPOINT + " publishes an authorization endpoint)" : ""));
        }
    }

    /** A space-separated list; unset or blank gives the default. */
    private static List<String> list(Settings settings, String name, List<String> defaults) {
        return settings.value(name).map(text -> List.of(text.strip().split("\\s+"))).orElse(defaults);
    }

    /** What {@code /.well-known/udap} publishes, {@code iss} being the FHIR base URL; needs the scopes. */
    public UdapMetadataSettings metadataSettings() {
        String token = settings.value(Settings.UDAP_TOKEN_ENDPOINT).orElseThrow();
        return parsed("UDAP endpoint and scope settings", () -> UdapMetadataSettings.parse(fhirBaseUrl(),
                settings.registrationEndpoint(), settings.value(Settings.UDAP_AUTHORIZATION_ENDPOINT).orElse(""), token,
                settings.value(Settings.SCOPES_SUPPORTED).orElse("")).withCapabilities(capabilities));
    }

    /** {@code FHIR_BASE_URL}, or {@code PUBLIC_BASE_URL} when it is unset, as clients are given it. */
    public String fhirBaseUrl() {
        return settings.fhirBaseUrl().toString();
    }

    /** The capabilities discovery publishes, which registration must respect. */
    public UdapCapabilities capabilities() {
        return capabilities;
    }

    /** Builds a value from configuration text; a refusal names the setting the text came from. */
    private static <T> T parsed(String setting, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException unusable) {
            throw new IllegalStateException(setting + ": " + unusable.getMessage());
        }
    }
}
