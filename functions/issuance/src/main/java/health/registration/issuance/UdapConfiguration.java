package health.registration.issuance;

import health.registration.adapters.aws.ServiceClients;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.udap.RevocationFailureMode;
import health.registration.core.udap.TrustAnchors;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;

/**
 * UDAP settings of the issuing functions: the trust anchors (locally {@code UDAP_TRUST_ANCHORS_FILE}, in AWS the
 * secret named by {@code UDAP_TRUST_ANCHORS_SECRET}; neither set switches UDAP registration off) and what an
 * unobtainable CRL means ({@code UDAP_CRL_UNAVAILABLE}: {@code reject}, the default, or {@code accept}).
 */
final class UdapConfiguration {

    /** Largest CRL fetched (UDAP communities publish small CRLs; a megabyte is generous). */
    static final int MAX_CRL_BYTES = 1024 * 1024;

    private UdapConfiguration() {}

    static Optional<TrustAnchors> trustAnchors(Settings settings, ServiceClients aws) {
        Optional<String> pem = settings.readableFile(Settings.UDAP_TRUST_ANCHORS_FILE).map(file -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).or(() -> settings.value(Settings.UDAP_TRUST_ANCHORS_SECRET)
                .map(name -> SecretsManagerText.read(aws.secretsManager(), name)));
        return pem.map(TrustAnchors::parse).filter(anchors -> !anchors.isEmpty());
    }

    static RevocationFailureMode onCrlUnavailable(Settings settings) {
        String mode = settings.value(Settings.UDAP_CRL_UNAVAILABLE).orElse("reject").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "reject" -> RevocationFailureMode.REJECT;
            case "accept" -> RevocationFailureMode.ACCEPT;
            default -> throw new IllegalStateException(Settings.UDAP_CRL_UNAVAILABLE + " must be reject or accept");
        };
    }
}
