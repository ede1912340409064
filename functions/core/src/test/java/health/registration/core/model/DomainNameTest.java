package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "example.com              | ok",
        "App.Example.COM          | ok",
        "example.com.             | ok",
        "a-b.example.co.uk        | ok",
        "alice.github.io          | ok",
        "xn--bcher-kva.de         | ok",
        "github.io                | ok",
        "localhost                | public top-level domain",
        "printer.local            | public top-level domain",
        "metadata.google.internal | public top-level domain",
        "example.test             | public top-level domain",
        "home.arpa                | public top-level domain",
        "1.0.0.127.in-addr.arpa   | public top-level domain",
        "com                      | public top-level domain",
        "hidden.onion             | public top-level domain",
        "router.alt               | public top-level domain",
        "db.internal              | public top-level domain",
        "www.example              | public top-level domain",
        "app.invalid              | public top-level domain",
        "-example.com             | each label",
        "example-.com             | each label",
        "exa_mple.com             | each label",
        "exa%41mple.com           | each label",
        "example..com             | each label",
        "*.example.com            | each label",
        "ab--cd.example.com       | third and fourth",
        "xn--bcher-kv.de          | not a valid A-label",
        "xn--BCHER-KVA.de         | ok",
        "example.123              | ends in a number",
        "example.0x1f             | ends in a number",
        "example.1com             | not a valid DNS name",
        "1com.example.com         | ok",
        "''                       | 1 to 253",
    })
    void acceptsOnlyPublicDnsNamesInALabelForm(String name, String expected) {
        Parsed<DomainName> parsed = DomainName.parse(name);

        if (expected.equals("ok")) {
            assertThat(parsed.isOk()).as(parsed.problem()).isTrue();
        } else {
            assertThat(parsed.problem()).contains(expected);
        }
    }

    @ParameterizedTest(name = "{0} characters -> ok={1}")
    @CsvSource({"253, true", "254, false"})
    void limitsNamesTo253Characters(int length, boolean ok) {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, "b".repeat(length - 196)) + ".com";

        assertThat(name).hasSize(length);
        Parsed<DomainName> parsed = DomainName.parse(name);
        assertThat(parsed.isOk()).as(parsed.problem()).isEqualTo(ok);
        if (!ok) {
            assertThat(parsed.problem()).contains("253");
        }
    }

    @Test
    void ignoresCaseAndOneTrailingDot() {
        assertThat(DomainName.parse("Example.COM.").value()).isEqualTo(DomainName.parse("example.com").value());
        assertThat(DomainName.parse("Example.COM.").value().value()).isEqualTo("example.com");
    }

    @Test
    void namesSpeltAlikeAreEqualHashAlikeAndPrintAsTheirValue() {
        DomainName name = DomainName.parse("Example.COM.").value();

        assertThat(name).isEqualTo(DomainName.parse("example.com").value())
                .hasSameHashCodeAs(DomainName.parse("example.com").value()).hasToString("example.com")
                .isNotEqualTo(DomainName.parse("example.org").value()).isNotEqualTo("example.com");
        assertThat(name.hashCode()).isNotEqualTo(DomainName.parse("example.org").value().hashCode());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "example.com,             example.com",
        "app.example.com,         example.com",
        "mail.example.co.uk,      example.co.uk",
        "alice.github.io,         alice.github.io",
        "www.city.kawasaki.jp,    city.kawasaki.jp",
    })
    void findsTheRegistrableDomainWithTheWholePublicSuffixList(String name, String registrable) {
        assertThat(DomainName.parse(name).value().registrableDomain()).contains(registrable);
    }

    @Test
    void hasNoRegistrableDomainWhenTheNameIsAPublicSuffix() {
        assertThat(DomainName.parse("github.io").value().registrableDomain()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "bücher.de,       xn--bcher-kva.de",
        "BÜCHER.de,       xn--bcher-kva.de",
        "faß.de,          xn--fa-hia.de",
        "example.com,     example.com",
    })
    void convertsUnicodeNamesToALabels(String name, String ascii) {
        assertThat(DomainName.parseUnicode(name).value().value()).isEqualTo(ascii);
    }

    @Test
    void refusesUnicodeNamesThatAreNotValidIdna() {
        assertThat(DomainName.parseUnicode("a\u202eb.com").isOk()).isFalse();
        assertThat(DomainName.parseUnicode("exa mple.com").isOk()).isFalse();
    }
}
