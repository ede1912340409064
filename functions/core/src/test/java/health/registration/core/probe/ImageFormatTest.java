package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "image/png,                  PNG",
        "IMAGE/PNG; charset=binary,  PNG",
        "image/jpeg,                 JPEG",
        "image/jpg,                  JPEG",
        "image/gif,                  GIF",
        "image/webp,                 WEBP",
        "image/x-icon,               ICO",
        "image/vnd.microsoft.icon,   ICO",
    })
    void readsAcceptedContentTypes(String contentType, ImageFormat format) {
        assertThat(ImageFormat.forContentType(contentType)).contains(format);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"image/svg+xml", "text/html", "application/octet-stream", "image/avif", "image/png-but-not", "''"})
    void refusesOtherContentTypesAndSvg(String contentType) {
        assertThat(ImageFormat.forContentType(contentType)).isEmpty();
        assertThat(ImageFormat.forContentType(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "PNG,  89504e470d0a1a0a0000000d49484452, true",
        "PNG,  89504e470d0a1a,                   false",
        "PNG,  ffd8ffe000104a464946,             false",
        "JPEG, ffd8ffe000104a464946,             true",
        "JPEG, ffd8,                             false",
        "GIF,  474946383961010001,               true",
        "GIF,  474946383761010001,               true",
        "GIF,  474946383861010001,               false",
        "WEBP, 524946462400000057454250565038,   true",
        "WEBP, 524946462400000057415645,         false",
        "ICO,  0000010001001010,                 true",
        "ICO,  0000020001001010,                 false",
        "PNG,  3c3f786d6c2076657273696f6e3d,     false",
        "PNG,  89504e470d0a1a0a,                 true",
        "JPEG, ffd8ff,                           true",
        "GIF,  474946383961,                     true",
        "GIF,  4749463839,                       false",
        "ICO,  00000100,                         true",
        "ICO,  0100010001001010,                 false",
        "ICO,  0001010001001010,                 false",
    })
    void checksTheMagicBytes(ImageFormat format, String hex, boolean matches) {
        assertThat(format.matches(HexFormat.of().parseHex(hex))).isEqualTo(matches);
    }
}
