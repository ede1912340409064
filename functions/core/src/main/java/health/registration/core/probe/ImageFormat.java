package health.registration.core.probe;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The logo formats accepted (docs/security.md, "Logos are raster images"), each with its content types and the magic
 * bytes of the WHATWG MIME Sniffing Standard ("image type pattern matching"). SVG is never accepted: it is XML that can
 * carry script and external references.
 */
public enum ImageFormat {
    PNG(List.of("image/png"), new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    JPEG(List.of("image/jpeg", "image/jpg"), new int[] {0xFF, 0xD8, 0xFF}),
    GIF(List.of("image/gif"), new int[] {'G', 'I', 'F', '8'}),
    WEBP(List.of("image/webp"), new int[] {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'E', 'B', 'P', 'V', 'P'}),
    ICO(List.of("image/x-icon", "image/vnd.microsoft.icon"), new int[] {0x00, 0x00, 0x01, 0x00});

    private final List<String> contentTypes;
    private final int[] magic;

    ImageFormat(List<String> contentTypes, int[] magic) {
        this.contentTypes = contentTypes;
        this.magic = magic;
    }

    /** The format a {@code Content-Type} header names (parameters and case ignored), if it is an accepted one. */
    public static Optional<ImageFormat> forContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String essence = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.contentTypes.contains(essence)).findFirst();
    }

    /** True when the bytes start with this format's signature ({@code -1} in the pattern matches any byte). */
    public boolean matches(byte[] head) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (magic[i] >= 0 && (head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return this != GIF || head.length >= 6 && (head[4] == '7' || head[4] == '9') && head[5] == 'a';
    }
}
