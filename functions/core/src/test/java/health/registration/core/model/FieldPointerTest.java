package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldPointerTest {

    @ParameterizedTest(name = "{0}[{1}] -> {2}")
    @CsvSource({
        "redirect_uris, -1, /redirect_uris",
        "redirect_uris,  1, /redirect_uris/1",
        "logo_uri#fr,   -1, /logo_uri#fr",
        "a/b~c,         -1, /a~1b~0c",
        "a/b~c,          0, /a~1b~0c/0",
    })
    void buildsRfc6901PointersAndReadsThemBack(String member, int index, String pointer) {
        String built = index < 0 ? FieldPointer.of(member) : FieldPointer.of(member, index);

        assertThat(built).isEqualTo(pointer);
        assertThat(FieldPointer.memberOf(built)).isEqualTo(member);
        assertThat(FieldPointer.indexOf(built)).isEqualTo(index);
    }

    @org.junit.jupiter.api.Test
    void readsTheDocumentPointerAsNoMember() {
        assertThat(FieldPointer.memberOf(FieldPointer.DOCUMENT)).isEmpty();
        assertThat(FieldPointer.indexOf(FieldPointer.DOCUMENT)).isEqualTo(-1);
    }
}
