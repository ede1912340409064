package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CA's name is configuration, checked when the source is built, without reading the key. */
class IssuingAuthoritySourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Developers", "-developers", "developers.crl", "dev/ca"})
    void refusesANameThatCannotNameTheCrlFile(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new IssuingAuthoritySource(name, () -> {
            throw new AssertionError("read the key to check the name");
        })).withMessageContaining("/crl/{name}.crl");
    }

    @Test
    void namesTheCrlUrlWithoutReadingTheKey() {
        IssuingAuthoritySource source = new IssuingAuthoritySource(AuthorityBench.CA_NAME, () -> {
            throw new AssertionError("read the key to name the CRL");
        });

        assertThat(source.crlUrl(AuthorityBench.PUBLIC_BASE_URL)).hasToString(AuthorityBench.CRL_URL);
    }
}
